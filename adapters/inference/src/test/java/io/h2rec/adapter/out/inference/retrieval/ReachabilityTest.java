package io.h2rec.adapter.out.inference.retrieval;

import io.h2rec.adapter.out.inference.InnerProducts;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.BitSet;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every item can be proposed: a graph built under the inner product alone leaves small-norm items
 * without a path from its entry point (each case below checks that it does, so the case is a real
 * one), the index's graph (its edges plus those of the MIPS-transformed graph, then reconnected)
 * reaches them all.
 */
class ReachabilityTest {
    private static final int N = 1_000;

    @Test
    void everyItemOfARandomCatalogueIsProposedWhenItIsTheOnlyOneAllowed() throws IOException {
        int dim = 16;
        float[] x = randomCatalogue(N, dim, 1.0, 1L);
        RetrievalConfig c = config(8, 10);
        int byScore = new FrozenGraph(HnswRetriever.graph(new DotScorers(x, N, dim).innerProduct(), N, c)).reachableFromEntry();
        assertTrue(byScore < N - 100, "the inner-product graph reaches " + byScore + " of " + N + " items (764 when written)");

        HnswRetriever index = HnswRetriever.build(x, N, dim, c);
        assertEquals(N, index.reachableItems());
        // the attack's request: everything but one item excluded; the search must still find that item
        SplittableRandom rnd = new SplittableRandom(7);
        for (int item = 1; item <= N; item++) {
            float[] q = new float[dim];
            for (int j = 0; j < dim; j++) {
                q[j] = (float) rnd.nextGaussian();
            }
            BitSet excluded = new BitSet();
            excluded.set(1, N + 1);
            excluded.clear(item);
            assertArrayEquals(new int[] {item}, index.candidates(q, 1, excluded), "item " + item);
        }
    }

    @Test
    void itemsLeftWithoutAPathByLucenesPruningAreReconnected() throws IOException {
        int dim = 16;
        float[] x = randomCatalogue(N, dim, 0.5, 2L);
        DotScorers scorers = new DotScorers(x, N, dim);
        RetrievalConfig c = config(16, 10);
        // even a metric graph (the transform's) loses an item here: Lucene 9.12 no longer reconnects after pruning
        FrozenGraph transformed = new FrozenGraph(HnswRetriever.graph(scorers.transformed(), N, c));
        assertTrue(transformed.reachableFromEntry() < N, "the transformed graph alone reaches every item");
        FrozenGraph fixed = Reconnect.everyNode(transformed, scorers.transformed(), c.beamWidth());
        assertEquals(N, fixed.reachableFromEntry());
        BitSet levelZero = new BitSet();
        fixed.markLevelZero(fixed.entryNode(), levelZero);
        assertEquals(N, levelZero.cardinality(), "every item on a path of level-0 edges from the entry point");
        assertSame(fixed, Reconnect.everyNode(fixed, scorers.transformed(), c.beamWidth()), "nothing to add");
        assertEquals(fixed.ramBytes(), fixed.withLevelZeroOf(fixed).ramBytes(), "a graph's own edges are not added twice");
    }

    /**
     * Popular items (norm about 3) along one axis and a niche of 20 tail items (norm about 0.3) along
     * another; a user facing the niche has its best item as the exact top-1.
     */
    @Test
    void aNicheTailItemThatIsTheBestAnswerIsProposedAndRankedFirst() throws IOException {
        int dim = 8;
        int unreachableBefore = 0;
        for (long seed = 1; seed <= 5; seed++) {
            float[] x = new float[(N + 1) * dim];
            int best = niche(x, N, dim, 20, seed);
            float[] q = new float[dim];
            q[1] = 1f;
            RetrievalConfig c = config(16, 100);
            BitSet byScore = new BitSet();
            FrozenGraph ip = new FrozenGraph(HnswRetriever.graph(new DotScorers(x, N, dim).innerProduct(), N, c));
            ip.markLevelZero(ip.entryNode(), byScore);
            unreachableBefore += byScore.get(best - 1) ? 0 : 1;

            Retriever.Hits hits = HnswRetriever.build(x, N, dim, c).topK(q, 1, new BitSet());
            assertArrayEquals(new int[] {best}, hits.items(), "seed " + seed);
            assertEquals(InnerProducts.dot(q, 0, x, best * dim, dim), hits.scores()[0], 0f, "the exact score, bit for bit");
        }
        assertTrue(unreachableBefore >= 2, "the inner-product graph had no path to the best item for "
                + unreachableBefore + " of 5 seeds (3 when written)");
    }

    @Test
    void theTransformPutsEveryItemOnTheSphereOfTheLargestNorm() {
        int dim = 16;
        float[] x = randomCatalogue(200, dim, 1.0, 3L);
        float[] a = DotScorers.lifts(x, 200, dim);
        double max = 0;
        double[] sq = new double[200];
        for (int i = 0; i < 200; i++) {
            for (int j = 0; j < dim; j++) {
                sq[i] += (double) x[(i + 1) * dim + j] * x[(i + 1) * dim + j];
            }
            max = Math.max(max, sq[i]);
        }
        int zero = 0;
        for (int i = 0; i < 200; i++) {
            assertEquals(max, sq[i] + (double) a[i] * a[i], 1e-5 * max, "item " + (i + 1));
            zero += a[i] == 0f ? 1 : 0;
        }
        assertEquals(1, zero, "only the largest item needs no lift");
    }

    private static RetrievalConfig config(int m, int candidates) {
        return RetrievalConfig.defaults().withMinCatalogue(1).withCandidates(candidates).withGraph(m, 100, 1);
    }

    /** Random directions, log-normal norms (sigma): rows 1..n of [(n + 1) * dim]. */
    private static float[] randomCatalogue(int n, int dim, double sigma, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[(n + 1) * dim];
        float[] v = new float[dim];
        for (int i = 1; i <= n; i++) {
            double norm = Math.exp(sigma * r.nextGaussian());
            double s = 0;
            for (int j = 0; j < dim; j++) {
                v[j] = (float) r.nextGaussian();
                s += v[j] * v[j];
            }
            for (int j = 0; j < dim; j++) {
                x[i * dim + j] = (float) (v[j] / Math.sqrt(s) * norm);
            }
        }
        return x;
    }

    /** Fills x (popular items along axis 0, every (n / size)-th item a niche item along axis 1); returns the niche's best for axis 1. */
    private static int niche(float[] x, int n, int dim, int size, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int best = -1;
        for (int i = 1; i <= n; i++) {
            boolean tail = i % (n / size) == 0;
            float scale = tail ? 0.3f : 3f;
            x[i * dim + (tail ? 1 : 0)] = scale;
            for (int j = 2; j < dim; j++) {
                x[i * dim + j] = (float) (r.nextGaussian() * 0.3 * scale);
            }
            if (tail) {
                x[i * dim + 1] += (float) (r.nextGaussian() * 0.05);
                best = best < 0 || x[i * dim + 1] > x[best * dim + 1] ? i : best;
            } else {
                x[i * dim + 1] = (float) (r.nextGaussian() * 0.03);
            }
        }
        return best;
    }
}
