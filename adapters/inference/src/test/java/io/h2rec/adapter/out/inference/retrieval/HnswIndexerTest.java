package io.h2rec.adapter.out.inference.retrieval;

import io.h2rec.adapter.out.inference.JavaInferenceEngine;
import io.h2rec.domain.model.ModelWeights;
import io.h2rec.domain.model.SemanticId;
import io.h2rec.domain.port.out.CandidateIndex;
import io.h2rec.domain.port.out.RankingModel;
import io.h2rec.testing.ModelFixtures;
import org.junit.jupiter.api.Test;

import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Serving's side of retrieval: the model's query vectors and candidate scores, and the index built from them. */
class HnswIndexerTest {
    static final int ITEMS = 500;
    final RankingModel model = new JavaInferenceEngine().load(ModelFixtures.h2rec(ITEMS, 16, 10, 3, 21L));

    @Test
    void candidateScoresAreTheFullScansBitForBit() {
        SplittableRandom rnd = new SplittableRandom(3);
        List<int[]> histories = List.of(new int[] {4, 9, 200}, new int[] {17}, new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});
        float[][] full = model.score(histories);
        float[][] queries = model.queryVectors(histories);
        for (int h = 0; h < histories.size(); h++) {
            for (int n : new int[] {1, 7, 8, 9, 33, 200}) {   // whole SIMD blocks and remainders
                int[] items = rnd.ints(n, 1, ITEMS + 1).toArray();
                float[] out = new float[n];
                model.scoreItems(queries[h], items, out);
                for (int c = 0; c < n; c++) {
                    assertEquals(full[h][items[c]], out[c], 0f, "history " + h + ", item " + items[c]);
                }
            }
        }
    }

    @Test
    void theIndexProposesMostOfTheExactTopTenAndLeavesExcludedItemsOut() {
        HnswIndexer indexer = new HnswIndexer(RetrievalConfig.defaults().withMinCatalogue(ITEMS).withCandidates(50));
        assertNull(indexer.exactBecause(model, ITEMS));
        CandidateIndex index = indexer.build(model, ITEMS);
        assertEquals("hnsw", index.method());
        assertEquals(ITEMS, index.numItems());
        SplittableRandom rnd = new SplittableRandom(5);
        int found = 0;
        for (int u = 0; u < 100; u++) {
            int[] history = rnd.ints(1 + rnd.nextInt(10), 1, ITEMS + 1).toArray();
            float[] q = model.queryVectors(List.of(history))[0];
            BitSet excluded = new BitSet();
            for (int item : history) {
                excluded.set(item);
            }
            int[] cand = index.candidates(q, 10, excluded);
            assertEquals(50, cand.length);
            for (int c = 0; c < cand.length; c++) {
                assertFalse(excluded.get(cand[c]), "an excluded item was proposed");
                assertTrue(c == 0 || cand[c] > cand[c - 1], "ascending, no duplicates");
            }
            int[] top = io.h2rec.domain.evaluation.TopK.select(model.scoreOne(history), 10, null, excluded);
            BitSet proposed = new BitSet();
            for (int c : cand) {
                proposed.set(c);
            }
            for (int item : top) {
                found += proposed.get(item) ? 1 : 0;
            }
        }
        assertTrue(found >= 950, "the candidates held " + found + " of the 1000 exact top-10 items");
    }

    @Test
    void anInterruptedBuildStopsAndTheNextOneBuilds() {
        HnswIndexer indexer = new HnswIndexer(RetrievalConfig.defaults().withMinCatalogue(ITEMS).withCandidates(50));
        Thread.currentThread().interrupt();   // what serving's cancel does to its build thread
        try {
            java.util.concurrent.CancellationException e = assertThrows(java.util.concurrent.CancellationException.class,
                    () -> indexer.build(model, ITEMS));
            assertEquals("index build interrupted after 0 of " + ITEMS + " items", e.getMessage());
        } finally {
            assertTrue(Thread.interrupted(), "the interrupt stays set for the caller");
        }
        assertEquals(ITEMS, indexer.build(model, ITEMS).numItems());
    }

    @Test
    void coldStartRowsAreLeftOutAndSmallCataloguesOrNonVectorModelsStayExact() {
        HnswIndexer indexer = new HnswIndexer(RetrievalConfig.defaults().withMinCatalogue(ITEMS));
        assertTrue(indexer.exactBecause(model, ITEMS - 1).contains("below h2rec.serving.retrieval.min-items=" + ITEMS));
        RankingModel popular = new JavaInferenceEngine().load(new ModelWeights("popular", Map.of(), ModelFixtures.items(ITEMS),
                Map.of("popularity", new ModelWeights.Array(new int[] {ITEMS + 1}, new float[ITEMS + 1]))));
        assertEquals("the model does not score by an inner product", indexer.exactBecause(popular, ITEMS));
        assertThrows(IllegalArgumentException.class, () -> indexer.build(popular, ITEMS));
        RankingModel more = model.withColdStartItems(List.of(new SemanticId(new int[] {1, 2, 3})));
        CandidateIndex index = indexer.build(more, ITEMS);
        assertEquals(ITEMS, index.numItems());
        int[] cand = index.candidates(more.queryVectors(List.of(new int[] {ITEMS + 1}))[0], 10, new BitSet());
        assertTrue(cand[cand.length - 1] <= ITEMS, "only trained items are in the graph");
        assertThrows(IllegalArgumentException.class, () -> indexer.build(model, ITEMS + 1));
    }
}
