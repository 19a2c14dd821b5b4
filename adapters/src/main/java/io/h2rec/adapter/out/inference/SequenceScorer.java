package io.h2rec.adapter.out.inference;

import io.h2rec.domain.port.out.Scorer;

import java.util.List;
import java.util.stream.IntStream;

/**
 * Scores = item matrix x user vector, with the item matrix [N+1][D] precomputed at load. Batches
 * are spread over the cores; each history is encoded on its own (no padding work).
 */
abstract class SequenceScorer implements Scorer {
    protected final int maxLen;
    protected final int numItems;
    protected float[] items;   // flat [(N+1) * D]
    protected int dim;

    SequenceScorer(int maxLen, int numItems) {
        this.maxLen = maxLen;
        this.numItems = numItems;
    }

    /** The user vector of a history of item indices (at most T most recent used). */
    abstract float[] userVector(int[] history);

    @Override
    public int numItems() {
        return numItems;
    }

    @Override
    public float[][] score(List<int[]> histories) {
        float[][] out = new float[histories.size()][];
        IntStream.range(0, histories.size()).parallel().forEach(b -> out[b] = scoreOne(histories.get(b)));
        return out;
    }

    float[] scoreOne(int[] history) {
        float[] u = userVector(recent(history));
        float[] s = new float[numItems + 1];
        for (int i = 0; i <= numItems; i++) {
            s[i] = Blocks.dot(items, i * dim, u, dim);
        }
        return s;
    }

    int[] recent(int[] history) {
        if (history.length == 0) {
            throw new IllegalArgumentException("an empty history has no user vector");
        }
        if (history.length <= maxLen) {
            return history;
        }
        return java.util.Arrays.copyOfRange(history, history.length - maxLen, history.length);
    }

    /** sqrt(d) e + Pos[slot] for the real positions of a left-padded window of T slots. */
    static float[][] stream(float[][] embedded, float[] positions, int maxLen, int d) {
        int n = embedded.length;
        float[][] x = new float[n][d];
        float scale = (float) Math.sqrt(d);
        for (int p = 0; p < n; p++) {
            int slot = maxLen - n + p;
            for (int j = 0; j < d; j++) {
                x[p][j] = embedded[p][j] * scale + positions[slot * d + j];
            }
        }
        return x;
    }
}
