package io.h2rec.lab;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.h2rec.proto.serving.v1.RankRequest;
import io.h2rec.proto.serving.v1.RankResponse;
import io.h2rec.proto.serving.v1.RankingServiceGrpc;
import org.HdrHistogram.Recorder;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Open-loop load at a fixed rate: request i is due at start + i / rate and is sent then, whether
 * or not earlier ones were answered (a slow server cannot slow the client down and hide its
 * queue), and its latency runs from that scheduled time to its answer, so time a request spent
 * waiting to be sent counts too (no coordinated omission). Requests go round-robin over several
 * channels (HTTP/2 connections).
 */
final class OpenLoop {
    /** What one run saw. Latencies of answered requests only; errors by gRPC status code. */
    record Outcome(double seconds, long sent, long ok, Map<String, Long> errors, org.HdrHistogram.Histogram latency) {
        double percentileMs(double p) {
            return latency.getTotalCount() == 0 ? Double.NaN : latency.getValueAtPercentile(p) / 1e6;
        }
    }

    private final List<ManagedChannel> channels;
    private final List<RankRequest> requests;
    private final long deadlineMillis;

    /** @param deadlineMillis the deadline each request carries, 0 for none (the server's default applies) */
    OpenLoop(List<ManagedChannel> channels, List<RankRequest> requests, long deadlineMillis) {
        this.channels = channels;
        this.requests = requests;
        this.deadlineMillis = deadlineMillis;
    }

    Outcome run(double rate, double seconds) throws InterruptedException {
        return run(rate, seconds, answer -> { });
    }

    /** As {@link #run(double, double)}, each answer also handed to {@code answers} (on a gRPC thread). */
    Outcome run(double rate, double seconds, java.util.function.Consumer<RankResponse> answers)
            throws InterruptedException {
        Recorder latency = new Recorder(3);
        LongAdder ok = new LongAdder();
        Map<String, LongAdder> errors = new ConcurrentHashMap<>();
        AtomicLong outstanding = new AtomicLong();
        long total = Math.round(rate * seconds);
        double interval = 1e9 / rate;
        int offset = (int) (System.nanoTime() & 0xffff);   // different histories from run to run
        long start = System.nanoTime();
        for (long i = 0; i < total; i++) {
            long due = start + (long) (i * interval);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            var stub = RankingServiceGrpc.newStub(channels.get((int) (i % channels.size())));
            if (deadlineMillis > 0) {
                stub = stub.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS);
            }
            outstanding.incrementAndGet();
            stub.rank(requests.get((int) ((offset + i) % requests.size())), new StreamObserver<>() {
                @Override
                public void onNext(RankResponse value) {
                    answers.accept(value);
                }

                @Override
                public void onError(Throwable t) {
                    errors.computeIfAbsent(Status.fromThrowable(t).getCode().name(), c -> new LongAdder()).increment();
                    outstanding.decrementAndGet();
                }

                @Override
                public void onCompleted() {
                    latency.recordValue(Math.max(1, System.nanoTime() - due));
                    ok.increment();
                    outstanding.decrementAndGet();
                }
            });
        }
        double sendSeconds = (System.nanoTime() - start) / 1e9;
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (outstanding.get() > 0 && System.nanoTime() < giveUp) {
            Thread.sleep(5);
        }
        Map<String, Long> byStatus = new TreeMap<>();
        errors.forEach((code, n) -> byStatus.put(code, n.sum()));
        if (outstanding.get() > 0) {
            byStatus.put("NO_ANSWER_IN_30S", outstanding.get());
        }
        return new Outcome(sendSeconds, total, ok.sum(), byStatus, latency.getIntervalHistogram());
    }

    /**
     * Closed loop: {@code concurrency} requests always outstanding, each answer sending the next.
     * Kept below the server's smallest queue limit, nothing is refused, so answers per second are
     * the most the server sustains: its capacity.
     */
    Outcome saturate(int concurrency, double seconds) throws InterruptedException {
        Recorder latency = new Recorder(3);
        LongAdder ok = new LongAdder();
        Map<String, LongAdder> errors = new ConcurrentHashMap<>();
        AtomicLong sent = new AtomicLong();
        long end = System.nanoTime() + (long) (seconds * 1e9);
        java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(concurrency);
        long start = System.nanoTime();
        for (int c = 0; c < concurrency; c++) {
            new Object() {
                void next() {
                    if (System.nanoTime() >= end) {
                        stopped.countDown();
                        return;
                    }
                    long i = sent.getAndIncrement();
                    long at = System.nanoTime();
                    RankingServiceGrpc.newStub(channels.get((int) (i % channels.size())))
                            .rank(requests.get((int) (i % requests.size())), new StreamObserver<>() {
                                @Override
                                public void onNext(RankResponse value) {
                                }

                                @Override
                                public void onError(Throwable t) {
                                    errors.computeIfAbsent(Status.fromThrowable(t).getCode().name(), x -> new LongAdder())
                                            .increment();
                                    next();
                                }

                                @Override
                                public void onCompleted() {
                                    latency.recordValue(Math.max(1, System.nanoTime() - at));
                                    ok.increment();
                                    next();
                                }
                            });
                }
            }.next();
        }
        stopped.await((long) seconds + 60, TimeUnit.SECONDS);
        Map<String, Long> byStatus = new TreeMap<>();
        errors.forEach((code, n) -> byStatus.put(code, n.sum()));
        return new Outcome((System.nanoTime() - start) / 1e9, sent.get(), ok.sum(), byStatus,
                latency.getIntervalHistogram());
    }
}
