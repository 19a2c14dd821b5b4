package io.h2rec.adapter.out.inference.retrieval;

import io.h2rec.adapter.out.inference.JavaInferenceEngine;
import io.h2rec.adapter.out.inference.ModelVectors;
import io.h2rec.domain.model.ModelWeights;
import io.h2rec.domain.port.out.RankingModel;
import io.h2rec.domain.evaluation.TopK;
import io.h2rec.testing.ModelFixtures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.BitSet;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetrieverTest {
    private static final int ITEMS = 5_000;
    private static final int USERS = 200;
    /** The graph must find at least this share of the exact top-10 (measured 1.0 here: 100 candidates). */
    private static final double MIN_RECALL = 0.95;

    private static SyntheticCatalogue catalogue;
    private static Retriever exact;
    private static Retriever hnsw;
    private static float[][] users;

    @BeforeAll
    static void build() {
        catalogue = SyntheticCatalogue.beautyShaped(ITEMS, 11L);
        RetrievalConfig forced = RetrievalConfig.defaults().withMinCatalogue(ITEMS).withCandidates(100);
        exact = Retriever.build(catalogue.items(), ITEMS, catalogue.dim(), RetrievalConfig.defaults());
        hnsw = Retriever.build(catalogue.items(), ITEMS, catalogue.dim(), forced);
        SplittableRandom rnd = new SplittableRandom(7L);
        users = new float[USERS][];
        for (int u = 0; u < USERS; u++) {
            users[u] = catalogue.user(rnd, 5, 0.3f);
        }
    }

    @Test
    void graphCandidatesRescoredExactlyFindTheExactTopTen() {
        double found = 0;
        for (float[] u : users) {
            found += overlap(exact.topK(u, 10, new BitSet()).items(), hnsw.topK(u, 10, new BitSet()).items());
        }
        double recall = found / (10.0 * USERS);
        System.out.println("recall@10 " + recall);
        assertTrue(recall >= MIN_RECALL, "recall@10 " + recall + " below " + MIN_RECALL);
    }

    @Test
    void theExactScanStaysBelowTheConfiguredCatalogueSize() {
        assertEquals("exact", exact.method());
        assertEquals("hnsw", hnsw.method());
        RetrievalConfig at = RetrievalConfig.defaults().withMinCatalogue(ITEMS + 1);
        assertEquals("exact", Retriever.build(catalogue.items(), ITEMS, catalogue.dim(), at).method());
        assertFalse(RetrievalConfig.defaults().indexes(199_999));
        assertTrue(RetrievalConfig.defaults().indexes(200_000));
    }

    @Test
    void hitsCarryExactScoresBestFirstAndNeverAnExcludedItem() {
        float[] u = users[0];
        Retriever.Hits all = exact.topK(u, 10, new BitSet());
        BitSet excluded = new BitSet();
        excluded.set(all.items()[0]);
        excluded.set(all.items()[3]);
        for (Retriever r : new Retriever[] {exact, hnsw}) {
            Retriever.Hits h = r.topK(u, 10, excluded);
            assertEquals(10, h.items().length);
            for (int i = 0; i < h.items().length; i++) {
                assertFalse(excluded.get(h.items()[i]), r.method() + " returned an excluded item");
                assertEquals(dot(u, h.items()[i]), h.scores()[i], 1e-4f, r.method() + " score of item " + h.items()[i]);
                assertTrue(i == 0 || h.scores()[i - 1] >= h.scores()[i], r.method() + " not best first");
            }
        }
    }

    @Test
    void oneBuildThreadAndOneSeedBuildTheSameGraph() {
        RetrievalConfig c = RetrievalConfig.defaults().withMinCatalogue(1).withCandidates(20);
        int n = 1_000;
        Retriever a = Retriever.build(first(n), n, catalogue.dim(), c);
        Retriever b = Retriever.build(first(n), n, catalogue.dim(), c);
        assertEquals(a.ramBytes(), b.ramBytes());
        for (int u = 0; u < 20; u++) {
            assertArrayEquals(a.topK(users[u], 10, new BitSet()).items(), b.topK(users[u], 10, new BitSet()).items());
        }
    }

    @Test
    void severalBuildThreadsBuildAUsableGraph() {
        RetrievalConfig c = RetrievalConfig.defaults().withMinCatalogue(1).withGraph(16, 100, 2);
        int n = 2_000;
        Retriever r = Retriever.build(first(n), n, catalogue.dim(), c);
        Retriever e = Retriever.build(first(n), n, catalogue.dim(), RetrievalConfig.defaults());
        double found = 0;
        for (int u = 0; u < 50; u++) {
            found += overlap(e.topK(users[u], 10, new BitSet()).items(), r.topK(users[u], 10, new BitSet()).items());
        }
        assertTrue(found / 500 >= MIN_RECALL, "recall@10 " + found / 500);
    }

    @Test
    void theExactPathRanksAsTheLoadedModelScores() {
        RankingModel model = new JavaInferenceEngine().load(ModelFixtures.h2rec(300, 8, 10, 3, 5L));
        ModelVectors v = ModelVectors.of(model).orElseThrow();
        assertEquals(16, v.dim());
        int[] history = {3, 7, 2, 41};
        BitSet excluded = new BitSet();
        excluded.set(7);
        float[] scores = model.scoreOne(history);
        int[] expected = TopK.select(scores, 10, null, excluded);
        Retriever r = Retriever.build(v.items(), v.numItems(), v.dim(), RetrievalConfig.defaults());
        Retriever.Hits hits = r.topK(v.userVector(history), 10, excluded);
        assertArrayEquals(expected, hits.items());
        Retriever g = Retriever.build(v.items(), v.numItems(), v.dim(), RetrievalConfig.defaults().withMinCatalogue(1));
        assertEquals(10, overlap(expected, g.topK(v.userVector(history), 10, excluded).items()));
        assertTrue(ModelVectors.of(new JavaInferenceEngine().load(popularModel())).isEmpty());
    }

    @Test
    void boundsAreCheckedBeforeAnyWork() {
        RetrievalConfig d = RetrievalConfig.defaults();
        assertThrows(IllegalArgumentException.class, () -> d.withMinCatalogue(0));
        assertThrows(IllegalArgumentException.class, () -> d.withCandidates(0));
        assertThrows(IllegalArgumentException.class, () -> d.withCandidates(RetrievalConfig.MAX_CANDIDATES + 1));
        assertThrows(IllegalArgumentException.class, () -> d.withGraph(1, 100, 1));
        assertThrows(IllegalArgumentException.class, () -> d.withGraph(16, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> d.withGraph(16, 100, 0));
        assertThrows(IllegalArgumentException.class, () -> Retriever.build(new float[10], ITEMS, 128, d.withMinCatalogue(1)));
        for (Retriever r : new Retriever[] {exact, hnsw}) {
            assertThrows(IllegalArgumentException.class, () -> r.topK(new float[3], 10, new BitSet()));
            assertThrows(IllegalArgumentException.class, () -> r.topK(users[0], 0, new BitSet()));
            assertThrows(IllegalArgumentException.class, () -> r.topK(users[0], RetrievalConfig.MAX_CANDIDATES + 1, new BitSet()));
            assertThrows(IllegalArgumentException.class, () -> r.topK(users[0], 10, null));
        }
    }

    private static ModelWeights popularModel() {
        float[] p = {0, 3, 2, 1};
        return new ModelWeights("popular", Map.of(), ModelFixtures.items(3),
                Map.of("popularity", new ModelWeights.Array(new int[] {4}, p)));
    }

    /** The item matrix of the catalogue's first n items. */
    private static float[] first(int n) {
        return Arrays.copyOf(catalogue.items(), (n + 1) * catalogue.dim());
    }

    private static float dot(float[] u, int item) {
        int dim = catalogue.dim();
        float s = 0;
        for (int j = 0; j < dim; j++) {
            s += u[j] * catalogue.items()[item * dim + j];
        }
        return s;
    }

    private static int overlap(int[] a, int[] b) {
        return (int) Arrays.stream(b).filter(x -> Arrays.stream(a).anyMatch(y -> y == x)).count();
    }
}
