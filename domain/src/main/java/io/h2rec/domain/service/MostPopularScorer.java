package io.h2rec.domain.service;

import io.h2rec.domain.port.out.Scorer;

import java.util.ArrayList;
import java.util.List;

/** The sanity floor: every user gets items ranked by training popularity. */
public final class MostPopularScorer implements Scorer {
    private final float[] scores;

    /** @param popularity training interactions per item index, index 0 = padding */
    public MostPopularScorer(int[] popularity) {
        this.scores = new float[popularity.length];
        scores[0] = Float.NEGATIVE_INFINITY;
        for (int i = 1; i < popularity.length; i++) {
            scores[i] = popularity[i];
        }
    }

    @Override
    public int numItems() {
        return scores.length - 1;
    }

    @Override
    public float[][] score(List<int[]> histories) {
        List<float[]> rows = new ArrayList<>(histories.size());
        for (int b = 0; b < histories.size(); b++) {
            rows.add(scores.clone());
        }
        return rows.toArray(float[][]::new);
    }
}
