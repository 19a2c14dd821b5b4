package io.h2rec.adapter.out.inference.retrieval;

import io.h2rec.adapter.out.inference.InnerProducts;
import org.apache.lucene.util.VectorUtil;
import org.apache.lucene.util.hnsw.RandomVectorScorer;
import org.apache.lucene.util.hnsw.RandomVectorScorerSupplier;

/**
 * Lucene's graph ordinals 0..N-1 are items 1..N of the models' item matrix; a score is the inner
 * product, mapped to Lucene's non-negative maximum-inner-product scale (same order). The dot
 * product is the models' SIMD kernel: Lucene's own vector code needs JDK 20+, here it would be
 * scalar. Stateless, so one instance serves every build thread and query.
 */
final class DotScorers implements RandomVectorScorerSupplier {
    private final float[] items;
    private final int numItems;
    private final int dim;

    DotScorers(float[] items, int numItems, int dim) {
        this.items = items;
        this.numItems = numItems;
        this.dim = dim;
    }

    /** Scores graph nodes against item {@code ord + 1} (graph construction). */
    @Override
    public RandomVectorScorer scorer(int ord) {
        return query(items, (ord + 1) * dim);
    }

    /** Scores graph nodes against a user vector (search). */
    RandomVectorScorer query(float[] vector, int offset) {
        return new RandomVectorScorer() {
            @Override
            public float score(int node) {
                return VectorUtil.scaleMaxInnerProductScore(
                        InnerProducts.dot(vector, offset, items, (node + 1) * dim, dim));
            }

            @Override
            public int maxOrd() {
                return numItems;
            }
        };
    }

    @Override
    public RandomVectorScorerSupplier copy() {
        return this;
    }
}
