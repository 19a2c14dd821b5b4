package io.h2rec.serving.batching;

import io.grpc.Deadline;
import io.h2rec.domain.model.RankQuery;
import io.h2rec.domain.model.Ranking;
import io.h2rec.domain.port.in.RankItemsUseCase;
import io.h2rec.serving.config.ServingConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeoutException;

/**
 * Micro-batching without a waiting window: a worker takes the oldest request and whatever else is
 * already queued (up to max-micro-batch) and scores them in one pass over the item matrix. Idle,
 * a request is scored alone at once; under load, batches grow by themselves. Requests whose
 * deadline passed while queued are answered DEADLINE_EXCEEDED without scoring.
 */
@ApplicationScoped
public class MicroBatcher {
    @Inject
    RankItemsUseCase ranking;
    @Inject
    ServingConfig config;

    private record Pending(RankQuery query, Deadline deadline, CompletableFuture<Ranking> result) {
    }

    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private ExecutorService workers;

    void onStart(@Observes StartupEvent event) {
        int n = config.workers() > 0 ? config.workers() : Runtime.getRuntime().availableProcessors();
        workers = Executors.newFixedThreadPool(n, r -> {
            Thread t = new Thread(r, "ranking-worker");
            t.setDaemon(true);
            return t;
        });
        for (int i = 0; i < n; i++) {
            workers.submit(this::loop);
        }
    }

    public CompletableFuture<Ranking> submit(RankQuery query, Deadline deadline) {
        CompletableFuture<Ranking> f = new CompletableFuture<>();
        queue.add(new Pending(query, deadline, f));
        return f;
    }

    private void loop() {
        List<Pending> batch = new ArrayList<>();
        while (!Thread.currentThread().isInterrupted()) {
            try {
                batch.clear();
                batch.add(queue.take());
                queue.drainTo(batch, Math.max(0, config.maxMicroBatch() - 1));
                List<Pending> live = new ArrayList<>(batch.size());
                for (Pending p : batch) {
                    if (p.deadline() != null && p.deadline().isExpired()) {
                        p.result().completeExceptionally(new TimeoutException("deadline passed while queued"));
                    } else {
                        live.add(p);
                    }
                }
                if (live.isEmpty()) {
                    continue;
                }
                try {
                    List<Ranking> out = ranking.rankBatch(live.stream().map(Pending::query).toList());
                    for (int i = 0; i < live.size(); i++) {
                        live.get(i).result().complete(out.get(i));
                    }
                } catch (RuntimeException e) {
                    live.forEach(p -> p.result().completeExceptionally(e));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @PreDestroy
    void stop() {
        if (workers != null) {
            workers.shutdownNow();
        }
    }
}
