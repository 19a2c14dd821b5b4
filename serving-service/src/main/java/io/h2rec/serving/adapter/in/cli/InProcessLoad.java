package io.h2rec.serving.adapter.in.cli;

import io.h2rec.domain.model.ItemId;
import io.h2rec.domain.model.RankQuery;
import io.h2rec.domain.port.in.RankItemsUseCase;
import io.h2rec.serving.adapter.out.grpc.LoadResult;
import org.HdrHistogram.Histogram;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** The scorer alone: one thread per core, each ranking batches of 16 histories as fast as it can. */
final class InProcessLoad {
    private static final int BATCH = 16;

    private InProcessLoad() {
    }

    static Map<String, String> run(RankItemsUseCase ranking, List<List<ItemId>> histories, int k, int seconds,
                                   PrintStream out) throws InterruptedException {
        int threads = BenchCommand.cores();
        warm(ranking, histories, k);
        AtomicLong done = new AtomicLong();
        Histogram latency = new Histogram(60_000_000_000L, 3);
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int offset = t * 7919;
            Thread w = new Thread(() -> {
                Histogram local = new Histogram(60_000_000_000L, 3);
                int i = offset;
                while (System.nanoTime() < end) {
                    List<RankQuery> batch = new ArrayList<>(BATCH);
                    for (int b = 0; b < BATCH; b++) {
                        batch.add(BenchCommand.query(histories.get(i++ % histories.size()), k));
                    }
                    long t0 = System.nanoTime();
                    ranking.rankBatch(batch);
                    local.recordValue((System.nanoTime() - t0) / BATCH);
                    done.addAndGet(BATCH);
                }
                synchronized (latency) {
                    latency.add(local);
                }
            });
            workers.add(w);
            w.start();
        }
        for (Thread w : workers) {
            w.join();
        }
        double rps = done.get() / (double) seconds;
        double p50 = latency.getValueAtPercentile(50) / 1e6;
        double p99 = latency.getValueAtPercentile(99) / 1e6;
        out.printf("in-process: %,.0f rankings/s on %d threads (batches of %d; per-ranking share p50 %.2f ms)%n",
                rps, threads, BATCH, p50);
        return BenchCommand.row("inprocess", new LoadResult(0, rps, p50, p99, 0));
    }

    private static void warm(RankItemsUseCase ranking, List<List<ItemId>> histories, int k) {
        for (int i = 0; i < 2000; i++) {
            ranking.rank(BenchCommand.query(histories.get(i % histories.size()), k));
        }
    }
}
