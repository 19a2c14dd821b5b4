package io.h2rec.serving.adapter.out.grpc;

import io.grpc.ManagedChannel;
import io.grpc.stub.StreamObserver;
import io.h2rec.proto.serving.v1.RankRequest;
import io.h2rec.proto.serving.v1.RankResponse;
import io.h2rec.proto.serving.v1.RankingServiceGrpc;
import org.HdrHistogram.Histogram;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A gRPC client that loads the ranking service: open loop at a fixed rate, and closed loop at
 * saturation. The serving benchmark's client side; it sees the service only through its stubs.
 */
public final class GrpcLoad {
    private final RankingServiceGrpc.RankingServiceStub stub;
    private final List<RankRequest> requests;

    /** Requests cycle through {@code histories} (external item ids, oldest first), each asking for the top {@code k}. */
    public GrpcLoad(ManagedChannel channel, List<List<String>> histories, int k) {
        this.stub = RankingServiceGrpc.newStub(channel);
        this.requests = histories.stream().map(h -> RankRequest.newBuilder().setK(k).addAllHistory(h).build()).toList();
    }

    public void warm(int seconds) throws InterruptedException {
        saturation(16, seconds, null);
    }

    /**
     * Sends at exactly {@code rate} per second for {@code seconds}; each latency runs from the
     * request's scheduled time to its answer (no coordinated omission).
     */
    public LoadResult fixedRate(int rate, int seconds, PrintStream out) throws InterruptedException {
        Histogram latency = new Histogram(60_000_000_000L, 3);
        AtomicLong errors = new AtomicLong();
        long total = (long) rate * seconds;
        CountDownLatch done = new CountDownLatch((int) total);
        long interval = 1_000_000_000L / rate;
        long start = System.nanoTime();
        for (long i = 0; i < total; i++) {
            long scheduled = start + i * interval;
            long wait = scheduled - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            send(requests.get((int) (i % requests.size())), scheduled, latency, errors, done, null);
        }
        done.await(60, TimeUnit.SECONDS);
        double elapsed = (System.nanoTime() - start) / 1e9;
        return report("grpc", rate, total / elapsed, latency, errors.get(), out);
    }

    /** {@code concurrency} requests always outstanding: the most the server answers. */
    public LoadResult saturation(int concurrency, int seconds, PrintStream out) throws InterruptedException {
        Histogram latency = new Histogram(60_000_000_000L, 3);
        AtomicLong errors = new AtomicLong();
        Semaphore slots = new Semaphore(concurrency);
        AtomicLong sent = new AtomicLong();
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        int i = 0;
        while (System.nanoTime() < end) {
            slots.acquire();
            sent.incrementAndGet();
            send(requests.get(i++ % requests.size()), System.nanoTime(), latency, errors, null, slots);
        }
        slots.acquire(concurrency);
        double elapsed = (System.nanoTime() - start) / 1e9;
        return out == null ? null : report("grpc", 0, sent.get() / elapsed, latency, errors.get(), out);
    }

    private void send(RankRequest request, long scheduled, Histogram latency, AtomicLong errors, CountDownLatch done,
                      Semaphore slots) {
        stub.rank(request, new StreamObserver<>() {
            @Override
            public void onNext(RankResponse value) {
            }

            @Override
            public void onError(Throwable t) {
                errors.incrementAndGet();
                finish();
            }

            @Override
            public void onCompleted() {
                synchronized (latency) {
                    latency.recordValue(Math.max(0, System.nanoTime() - scheduled));
                }
                finish();
            }

            private void finish() {
                if (done != null) {
                    done.countDown();
                }
                if (slots != null) {
                    slots.release();
                }
            }
        });
    }

    private static LoadResult report(String scenario, int target, double achieved, Histogram latency,
                                              long errors, PrintStream out) {
        double p50 = latency.getValueAtPercentile(50) / 1e6;
        double p99 = latency.getValueAtPercentile(99) / 1e6;
        out.printf("%s %s: %,.0f rps achieved, p50 %.2f ms, p99 %.2f ms, %d errors%n", scenario,
                target <= 0 ? "saturation" : "@" + target + " rps", achieved, p50, p99, errors);
        return new LoadResult(target, achieved, p50, p99, errors);
    }
}
