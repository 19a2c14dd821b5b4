package io.h2rec.adapter.out.inference.retrieval;

import io.h2rec.adapter.out.inference.InnerProducts;
import io.h2rec.domain.evaluation.TopK;

import java.util.BitSet;

/** Every item scored with the models' scan kernel, then serving's top-k: linear in the catalogue. */
final class ExactRetriever extends BaseRetriever {
    private final InnerProducts.Scan scan;

    ExactRetriever(float[] items, int numItems, int dim) {
        super("exact", numItems, dim);
        this.scan = new InnerProducts.Scan(items, numItems + 1, dim);
    }

    @Override
    public Hits topK(float[] user, int k, BitSet excluded) {
        checkQuery(user, k, excluded);
        float[] scores = new float[numItems + 1];
        scan.scores(user, scores);
        int[] top = TopK.select(scores, k, null, excluded);
        float[] s = new float[top.length];
        for (int i = 0; i < top.length; i++) {
            s[i] = scores[top[i]];
        }
        return new Hits(top, s);
    }

    @Override
    public long ramBytes() {
        return scan.ramBytes();
    }
}
