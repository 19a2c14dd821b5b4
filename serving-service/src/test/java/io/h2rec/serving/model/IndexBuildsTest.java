package io.h2rec.serving.model;

import io.h2rec.adapter.out.inference.JavaInferenceEngine;
import io.h2rec.adapter.out.inference.retrieval.HnswIndexer;
import io.h2rec.adapter.out.inference.retrieval.RetrievalConfig;
import io.h2rec.domain.model.ModelVersion;
import io.h2rec.domain.model.RetrievalState;
import io.h2rec.domain.model.ServingModel;
import io.h2rec.domain.port.out.CandidateIndex;
import io.h2rec.domain.port.out.CandidateIndexer;
import io.h2rec.domain.port.out.RankingModel;
import io.h2rec.testing.ModelFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Index builds off the request path: planned, built and warmed, failed with a reason, or cancelled. */
class IndexBuildsTest {
    static final int ITEMS = 300;
    static final ServingModel MODEL = new ServingModel(new ModelVersion(9, 1, "h2rec", "file:/x", "abc", null, true, null),
            new JavaInferenceEngine().load(ModelFixtures.h2rec(ITEMS, 8, 6, 2, 5)), ModelFixtures.items(ITEMS),
            new float[ITEMS + 1]);

    /** What each finished build reported: (the state it started from, its outcome). */
    final LinkedBlockingQueue<RetrievalState[]> reported = new LinkedBlockingQueue<>();
    IndexBuilds builds;

    @AfterEach
    void stop() {
        builds.stop();
    }

    private IndexBuilds builds(CandidateIndexer indexer) {
        builds = new IndexBuilds(indexer, 4, (from, outcome) -> reported.add(new RetrievalState[] {from, outcome}));
        return builds;
    }

    private RetrievalState[] next() throws InterruptedException {
        RetrievalState[] r = reported.poll(60, TimeUnit.SECONDS);
        assertNotNull(r, "no build reported within a minute");
        return r;
    }

    @Test
    void aLargeEnoughCatalogueIsBuiltWarmedAndReportedReady() throws Exception {
        IndexBuilds b = builds(new HnswIndexer(RetrievalConfig.defaults().withMinCatalogue(ITEMS).withCandidates(20)));
        RetrievalState planned = b.plan(MODEL);
        assertEquals(RetrievalState.Status.BUILDING, planned.status());
        assertEquals("exact", planned.path());
        ServingModel building = MODEL.withRetrieval(planned);
        b.start(building);
        b.start(building);   // once per state, however often the routing is refreshed
        RetrievalState[] r = next();
        assertSame(planned, r[0]);
        assertEquals(RetrievalState.Status.READY, r[1].status());
        assertEquals("hnsw", r[1].path());
        assertTrue(r[1].detail().contains("over 300 items, built in"), r[1].detail());
        assertNull(reported.poll(200, TimeUnit.MILLISECONDS), "the second start built nothing");
        assertEquals("exact (300 items, below h2rec.serving.retrieval.min-items=301)",
                builds(new HnswIndexer(RetrievalConfig.defaults().withMinCatalogue(ITEMS + 1))).plan(MODEL).describe());
    }

    @Test
    void aFailedBuildIsReportedWithItsReason() throws Exception {
        IndexBuilds b = builds(new Fake(null));
        ServingModel building = MODEL.withRetrieval(b.plan(MODEL));
        b.start(building);
        RetrievalState[] r = next();
        assertEquals(RetrievalState.Status.FAILED, r[1].status());
        assertEquals("exact", r[1].path());
        assertEquals("exact (index failed: OutOfMemoryError: Java heap space)", r[1].describe());
    }

    @Test
    void aBuildWhoseVersionLeftTheRoutingIsCancelledAndReportsNothing() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        Fake blocked = new Fake(never);
        IndexBuilds b = builds(blocked);
        ServingModel building = MODEL.withRetrieval(b.plan(MODEL));
        b.start(building);
        assertTrue(blocked.started.await(60, TimeUnit.SECONDS));
        b.retain(List.of(RetrievalState.none("another version")));
        assertNull(reported.poll(500, TimeUnit.MILLISECONDS), "a cancelled build reported");
    }

    @Test
    void aBuildThatIgnoresTheCancelAndFinishesIsDroppedUnreported() throws Exception {
        CandidateIndex built = new HnswIndexer(RetrievalConfig.defaults().withMinCatalogue(ITEMS).withCandidates(20))
                .build(MODEL.model(), ITEMS);
        CountDownLatch release = new CountDownLatch(1);
        Fake deaf = new Fake(release, built);   // like a build that does not look at interrupts
        IndexBuilds b = builds(deaf);
        ServingModel building = MODEL.withRetrieval(b.plan(MODEL));
        b.start(building);
        assertTrue(deaf.started.await(60, TimeUnit.SECONDS));
        b.retain(List.of(RetrievalState.none("another version")));
        release.countDown();
        assertNull(reported.poll(1, TimeUnit.SECONDS), "a build whose version left the routing reported an outcome");
    }

    /**
     * Fails with an OutOfMemoryError, or (with a latch) blocks until interrupted, or (with a latch and
     * an index) ignores interrupts until the latch opens, then returns the index.
     */
    static final class Fake implements CandidateIndexer {
        final CountDownLatch hold;
        final CandidateIndex result;
        final CountDownLatch started = new CountDownLatch(1);

        Fake(CountDownLatch hold) {
            this(hold, null);
        }

        Fake(CountDownLatch hold, CandidateIndex result) {
            this.hold = hold;
            this.result = result;
        }

        @Override
        public String exactBecause(RankingModel model, int items) {
            return null;
        }

        @Override
        public CandidateIndex build(RankingModel model, int items) {
            started.countDown();
            if (hold == null) {
                throw new OutOfMemoryError("Java heap space");
            }
            while (result != null) {
                try {
                    hold.await();
                    return result;
                } catch (InterruptedException e) {
                    // ignored on purpose
                }
            }
            try {
                hold.await();
                throw new IllegalStateException("released");
            } catch (InterruptedException e) {
                throw new IllegalStateException("interrupted", e);
            }
        }

        @Override
        public String describe() {
            return "fake";
        }
    }
}
