package io.h2rec.serving.model;

import io.h2rec.domain.model.RetrievalState;
import io.h2rec.domain.model.ServingModel;
import io.h2rec.domain.port.out.CandidateIndex;
import io.h2rec.domain.port.out.CandidateIndexer;
import org.jboss.logging.Logger;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiConsumer;

/**
 * Candidate indexes of loaded versions, built off the request path: one build thread, one build at
 * a time, in load order. A version whose catalogue gets an index is loaded as BUILDING and served
 * exactly; its build is started once the version is in the routing, warmed on the retrieval path,
 * and handed back as READY (or FAILED, with the reason, logged) to be swapped in. Each load's
 * BUILDING state is its own object, so a build whose version was unloaded or reloaded meanwhile is
 * cancelled (interrupted: the HNSW build stops between nodes, so the single build thread is free for
 * the versions still routed) or, if it finishes anyway, dropped unwarmed and unreported.
 */
final class IndexBuilds {
    private static final Logger LOG = Logger.getLogger(IndexBuilds.class);

    private final CandidateIndexer indexer;
    private final int maxMicroBatch;
    private final BiConsumer<RetrievalState, RetrievalState> done;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "index-build");
        t.setDaemon(true);
        return t;
    });
    /** Builds started, finished ones included, until their state leaves the routing. */
    private final Map<RetrievalState, Future<?>> running = new IdentityHashMap<>();

    /** @param done called with (the BUILDING state a build started from, its READY or FAILED outcome) */
    IndexBuilds(CandidateIndexer indexer, int maxMicroBatch, BiConsumer<RetrievalState, RetrievalState> done) {
        this.indexer = indexer;
        this.maxMicroBatch = maxMicroBatch;
        this.done = done;
    }

    /** How a freshly loaded model will rank: exact for good (NONE, why), or BUILDING until its index is ready. */
    RetrievalState plan(ServingModel m) {
        String exact = indexer.exactBecause(m.model(), m.trainedItems());
        return exact != null ? RetrievalState.none(exact)
                : RetrievalState.building(indexer.describe() + " over " + m.trainedItems() + " items, started when loaded");
    }

    /** Starts the build of a model in the routing whose state is BUILDING (nothing for the others). */
    synchronized void start(ServingModel m) {
        RetrievalState building = m.retrieval();
        if (building.status() != RetrievalState.Status.BUILDING || running.containsKey(building)) {
            return;
        }
        running.put(building, thread.submit(() -> build(m, building)));
    }

    /** Cancels the builds of states no longer in the routing (their versions were unloaded or reloaded). */
    synchronized void retain(List<RetrievalState> live) {
        running.entrySet().removeIf(e -> {
            if (live.stream().anyMatch(s -> s == e.getKey())) {
                return false;
            }
            e.getValue().cancel(true);
            return true;
        });
    }

    private void build(ServingModel m, RetrievalState building) {
        long id = m.version().id();
        long t0 = System.nanoTime();
        RetrievalState outcome;
        try {
            CandidateIndex index = indexer.build(m.model(), m.trainedItems());
            double seconds = (System.nanoTime() - t0) / 1e9;
            RetrievalState ready = RetrievalState.ready(index, String.format("%s over %d items, built in %.1f s, %d MB",
                    indexer.describe(), index.numItems(), seconds, index.ramBytes() >> 20));
            if (dropped(building, id, seconds)) {
                return;
            }
            Warmup.warm(m.withRetrieval(ready), maxMicroBatch);
            if (dropped(building, id, seconds)) {
                return;
            }
            LOG.infof("version %d: candidate index ready, ranking through it: %s (warmed in %.1f s)", id, ready.detail(),
                    (System.nanoTime() - t0) / 1e9 - seconds);
            outcome = ready;
        } catch (RuntimeException | OutOfMemoryError e) {
            if (cancelled(building) || thread.isShutdown()) {
                LOG.debugf(e, "version %d: a cancelled index build ended", id);
                return;
            }
            String why = e.getClass().getSimpleName() + ": " + e.getMessage();
            LOG.errorf(e, "version %d: candidate index build failed after %.1f s (%s); ranking exactly", id,
                    (System.nanoTime() - t0) / 1e9, why);
            outcome = RetrievalState.failed(why);
        }
        done.accept(building, outcome);
    }

    /** A build that finished although its version left the routing (an indexer that ignores interrupts): nothing to report. */
    private boolean dropped(RetrievalState building, long id, double seconds) {
        if (!cancelled(building)) {
            return false;
        }
        LOG.debugf("version %d: index built in %.1f s after the version left the routing; dropped", (Long) id, (Double) seconds);
        return true;
    }

    private synchronized boolean cancelled(RetrievalState building) {
        return !running.containsKey(building);
    }

    void stop() {
        thread.shutdownNow();
    }
}
