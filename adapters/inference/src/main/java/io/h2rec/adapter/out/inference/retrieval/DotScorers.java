package io.h2rec.adapter.out.inference.retrieval;

import io.h2rec.adapter.out.inference.InnerProducts;
import org.apache.lucene.util.VectorUtil;
import org.apache.lucene.util.hnsw.RandomVectorScorer;
import org.apache.lucene.util.hnsw.RandomVectorScorerSupplier;

/**
 * The graph's similarities. Lucene's graph ordinals 0..N-1 are items 1..N of the models' item matrix;
 * every dot product is the models' SIMD kernel (Lucene's own vector code needs JDK 20+, here it
 * would be scalar). Scores are only compared, so each is a monotone stand-in on Lucene's
 * non-negative maximum-inner-product scale. Stateless after construction: one instance serves every
 * build thread and query.
 *
 * <ul>
 *   <li>{@link #innerProduct()}: x_i·x_j, the models' score between items. Its neighbour lists fill
 *   with large-norm items, and many small-norm ones get no incoming edge at all.</li>
 *   <li>{@link #transformed()}: the MIPS-to-nearest-neighbour transform (Bachrach et al. 2014): item
 *   x becomes x' = [x; a(x)] with a(x) = sqrt(M² − ‖x‖²), M the largest item norm, so every x' has
 *   norm M, and x'_i·x'_j = x_i·x_j + a_i a_j orders pairs as Euclidean distance (and cosine) between
 *   the x' do: a metric, under which every item keeps neighbours that point back.</li>
 *   <li>{@link #query}: a user vector q becomes q' = [q; 0], and ‖q' − x'‖² = ‖q‖² + M² − 2 q·x, so
 *   the nearest x' is the largest q·x: the search scores by q·x itself (no cancellation).</li>
 * </ul>
 */
final class DotScorers {
    private final float[] items;
    private final int numItems;
    private final int dim;
    private final float[] lift;   // [numItems]: a(x) of graph node n = item n + 1, the one float per item the transform adds

    DotScorers(float[] items, int numItems, int dim) {
        this.items = items;
        this.numItems = numItems;
        this.dim = dim;
        this.lift = lifts(items, numItems, dim);
    }

    /** a(x_i) = sqrt(M² − ‖x_i‖²) for items 1..numItems, M² their largest squared norm (0 for that item). */
    static float[] lifts(float[] items, int numItems, int dim) {
        double[] sq = new double[numItems];
        double max = 0;
        for (int n = 0; n < numItems; n++) {
            int row = (n + 1) * dim;
            double s = 0;
            for (int j = 0; j < dim; j++) {
                s += (double) items[row + j] * items[row + j];
            }
            sq[n] = s;
            max = Math.max(max, s);
        }
        float[] a = new float[numItems];
        for (int n = 0; n < numItems; n++) {
            a[n] = (float) Math.sqrt(max - sq[n]);
        }
        return a;
    }

    /** Between items: x_i·x_j. */
    RandomVectorScorerSupplier innerProduct() {
        return supplier(false);
    }

    /** Between items after the transform: x'_i·x'_j = x_i·x_j + a_i a_j. */
    RandomVectorScorerSupplier transformed() {
        return supplier(true);
    }

    /** Scores graph nodes against a user vector (search): q'·x' = q·x, in the order of ‖q' − x'‖ ascending. */
    RandomVectorScorer query(float[] vector, int offset) {
        return scorer(vector, offset, 0f, null);
    }

    /** The transform's extra coordinate, one float per item. */
    long ramBytes() {
        return 4L * lift.length;
    }

    private RandomVectorScorerSupplier supplier(boolean lifted) {
        return new RandomVectorScorerSupplier() {
            @Override
            public RandomVectorScorer scorer(int ord) {
                return lifted ? DotScorers.this.scorer(items, (ord + 1) * dim, lift[ord], lift)
                        : DotScorers.this.scorer(items, (ord + 1) * dim, 0f, null);
            }

            @Override
            public RandomVectorScorerSupplier copy() {
                return this;
            }
        };
    }

    /** vector[offset..]·x_node, plus a·lift[node] when lifts are given. */
    private RandomVectorScorer scorer(float[] vector, int offset, float a, float[] lifts) {
        return new RandomVectorScorer() {
            @Override
            public float score(int node) {
                float dot = InnerProducts.dot(vector, offset, items, (node + 1) * dim, dim);
                return VectorUtil.scaleMaxInnerProductScore(lifts == null ? dot : dot + a * lifts[node]);
            }

            @Override
            public int maxOrd() {
                return numItems;
            }
        };
    }
}
