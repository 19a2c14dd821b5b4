package io.h2rec.serving.batching;

import io.grpc.Deadline;
import io.h2rec.domain.error.UnavailableException;
import io.h2rec.domain.model.RankQuery;
import io.h2rec.domain.model.Ranking;
import io.h2rec.domain.model.ServingModel;
import io.h2rec.domain.port.in.RankItemsUseCase;
import io.h2rec.serving.config.ServingConfig;
import io.h2rec.serving.metrics.ServingMetrics;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Micro-batching without a waiting window, behind admission control. A worker takes the oldest
 * request and whatever else is already queued (up to max-micro-batch) and scores them in one pass;
 * idle, a request is scored alone at once; under load, batches grow by themselves. The queue is
 * bounded by the measured capacity ({@link Admission}): a request that cannot be answered before
 * its deadline (the client's, or admission.default-deadline) is refused at once with a retry hint
 * ({@link Rejected}), and one whose deadline passed while queued is dropped unscored
 * (DEADLINE_EXCEEDED). Each request carries the model that answers it (its variant of a traffic
 * split, chosen on arrival); a micro-batch is scored in one pass per model in it (one, without a split).
 */
@ApplicationScoped
public class MicroBatcher {
    @Inject
    RankItemsUseCase ranking;
    @Inject
    ServingConfig config;
    @Inject
    ServingMetrics metrics;

    /** A request and the model chosen to answer it. */
    public record Job(RankQuery query, ServingModel model) {
    }

    record Pending(Job job, Deadline deadline, CompletableFuture<Ranking> result) {
    }

    private static final String SHUTTING_DOWN = "serving is shutting down: retry on another instance";

    BlockingQueue<Pending> queue;   // package-visible for MicroBatcherTest
    private Admission admission;
    private ExecutorService workers;
    private volatile boolean stopping;

    void onStart(@Observes StartupEvent event) {
        int n = config.workers() > 0 ? config.workers() : Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
        ServingConfig.Admission a = config.admission();
        admission = new Admission(n, a.queueTime(), n * config.maxMicroBatch(), a.maxQueue(), a.initialCost());
        queue = new ArrayBlockingQueue<>(a.maxQueue());
        metrics.gauge("h2rec.serving.queue.depth", "Requests waiting for a scoring worker", queue::size);
        metrics.gauge("h2rec.serving.queue.limit", "Requests the queue admits now (capacity x queue-time)",
                admission::queueLimit);
        metrics.gauge("h2rec.serving.capacity", "Rankings per second the workers answer at the measured cost",
                admission::capacity);
        workers = Executors.newFixedThreadPool(n, r -> {
            Thread t = new Thread(r, "ranking-worker");
            t.setDaemon(true);
            return t;
        });
        for (int i = 0; i < n; i++) {
            workers.submit(this::loop);
        }
    }

    /**
     * Queues one request.
     *
     * @param deadline the client's deadline, or null (admission.default-deadline applies)
     * @throws Rejected when it cannot be answered in time: nothing was queued
     */
    public CompletableFuture<Ranking> submit(Job job, Deadline deadline) {
        return submitAll(List.of(job), deadline).get(0);
    }

    /** Queues requests that share a deadline, all or none (a RankBatch). */
    public List<CompletableFuture<Ranking>> submitAll(List<Job> queries, Deadline deadline) {
        if (stopping) {
            throw new UnavailableException(SHUTTING_DOWN);
        }
        Deadline effective = deadline != null ? deadline
                : Deadline.after(config.admission().defaultDeadline().toNanos(), TimeUnit.NANOSECONDS);
        Admission.Refusal refusal = admission.check(queue.size(), queries.size(), effective.timeRemaining(TimeUnit.NANOSECONDS));
        if (refusal != null) {
            metrics.rejected(refusal.reason().tag);
            throw new Rejected(refusal);
        }
        List<CompletableFuture<Ranking>> out = new ArrayList<>(queries.size());
        List<Pending> queued = new ArrayList<>(queries.size());
        for (Job q : queries) {
            Pending p = new Pending(q, effective, new CompletableFuture<>());
            if (!queue.offer(p)) {   // the hard bound (max-queue), reached by a race
                metrics.rejected(Admission.Reason.QUEUE_FULL.tag);
                Rejected full = new Rejected(new Admission.Refusal(Admission.Reason.QUEUE_FULL,
                        "serving is at capacity: the queue is full", admission.drainMillis(queue.size())));
                for (Pending earlier : queued) {   // all or none: the batch's queued requests are not scored
                    queue.remove(earlier);
                    earlier.result().completeExceptionally(full);
                }
                throw full;
            }
            queued.add(p);
            out.add(p.result());
        }
        return out;
    }

    private void loop() {
        List<Pending> batch = new ArrayList<>();
        List<Pending> live = new ArrayList<>();
        while (!Thread.currentThread().isInterrupted()) {
            try {
                batch.clear();
                live.clear();
                batch.add(queue.take());
                queue.drainTo(batch, Math.max(0, config.maxMicroBatch() - 1));
                for (Pending p : batch) {
                    if (p.deadline().isExpired()) {
                        metrics.rejected("expired");
                        p.result().completeExceptionally(new TimeoutException("the deadline passed while queued"));
                    } else {
                        live.add(p);
                    }
                }
                if (!live.isEmpty()) {
                    score(live);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException | Error e) {
                // Whatever escaped scoring, the worker lives on and no caller of this batch is left waiting.
                live.forEach(p -> p.result().completeExceptionally(e));
            }
        }
    }

    private void score(List<Pending> live) {
        long t0 = System.nanoTime();
        List<Pending> group = new ArrayList<>(live.size());
        List<RankQuery> queries = new ArrayList<>(live.size());
        boolean[] done = new boolean[live.size()];
        for (int first = 0; first < live.size(); first++) {
            if (done[first]) {
                continue;
            }
            ServingModel model = live.get(first).job().model();
            group.clear();
            queries.clear();
            for (int i = first; i < live.size(); i++) {
                if (!done[i] && live.get(i).job().model() == model) {
                    done[i] = true;
                    group.add(live.get(i));
                    queries.add(live.get(i).job().query());
                }
            }
            score(model, group, queries);
        }
        metrics.batch(live.size());
        admission.measured(live.size(), System.nanoTime() - t0);
    }

    void score(ServingModel model, List<Pending> group, List<RankQuery> queries) {
        List<Ranking> out;
        try {
            out = ranking.rankBatch(model, queries);
        } catch (RuntimeException | Error e) {
            if (group.size() == 1 || e instanceof VirtualMachineError) {
                group.forEach(p -> p.result().completeExceptionally(e));
            } else {
                // One request's failure must not fail the others batched with it: each is scored alone.
                for (Pending p : group) {
                    try {
                        p.result().complete(ranking.rankBatch(model, List.of(p.job().query())).get(0));
                    } catch (RuntimeException | Error alone) {
                        p.result().completeExceptionally(alone);
                    }
                }
            }
            return;
        }
        for (int i = 0; i < group.size(); i++) {
            group.get(i).result().complete(out.get(i));   // the answer is serialised and sent on this thread
        }
    }

    /** Shutdown: nothing new is admitted, and every queued request is answered UNAVAILABLE (retry elsewhere). */
    @PreDestroy
    void stop() {
        stopping = true;
        if (workers != null) {
            workers.shutdownNow();
        }
        if (queue != null) {
            List<Pending> left = new ArrayList<>();
            queue.drainTo(left);
            UnavailableException closing = new UnavailableException(SHUTTING_DOWN);
            left.forEach(p -> p.result().completeExceptionally(closing));
        }
    }
}
