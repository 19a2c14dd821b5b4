package io.h2rec.adapter.out.inference.retrieval;

import io.h2rec.adapter.out.inference.InnerProducts;
import io.h2rec.domain.service.TopK;

import java.util.BitSet;

/** Every item scored with the models' scan kernel, then serving's top-k: linear in the catalogue. */
final class ExactRetriever implements Retriever {
    private final InnerProducts.Scan scan;
    private final int numItems;
    private final int dim;

    ExactRetriever(float[] items, int numItems, int dim) {
        this.scan = new InnerProducts.Scan(items, numItems + 1, dim);
        this.numItems = numItems;
        this.dim = dim;
    }

    @Override
    public Hits topK(float[] user, int k, BitSet excluded) {
        Retriever.checkQuery(this, user, k, excluded);
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
    public String method() {
        return "exact";
    }

    @Override
    public int numItems() {
        return numItems;
    }

    @Override
    public int dim() {
        return dim;
    }

    @Override
    public long ramBytes() {
        return scan.ramBytes();
    }
}
