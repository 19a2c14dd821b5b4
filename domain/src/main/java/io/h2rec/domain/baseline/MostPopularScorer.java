package io.h2rec.domain.baseline;

import io.h2rec.domain.model.SemanticId;
import io.h2rec.domain.port.out.RankingModel;

import java.util.Arrays;
import java.util.List;

/** The sanity floor: every user gets items ranked by training popularity. */
public final class MostPopularScorer implements RankingModel {
    private final float[] scores;

    /** @param popularity training interactions per item index, index 0 = padding */
    public MostPopularScorer(int[] popularity) {
        this(toFloats(popularity));
    }

    public MostPopularScorer(float[] popularity) {
        this.scores = popularity.clone();
        scores[0] = Float.NEGATIVE_INFINITY;
    }

    private static float[] toFloats(int[] counts) {
        float[] f = new float[counts.length];
        for (int i = 0; i < counts.length; i++) {
            f[i] = counts[i];
        }
        return f;
    }

    @Override
    public int numItems() {
        return scores.length - 1;
    }

    @Override
    public float[][] score(List<int[]> histories) {
        float[][] rows = new float[histories.size()][];
        for (int b = 0; b < rows.length; b++) {
            rows[b] = scores.clone();
        }
        return rows;
    }

    @Override
    public float[] scoreOne(int[] history) {
        return scores.clone();
    }

    @Override
    public int maxHistory() {
        return Integer.MAX_VALUE;
    }

    @Override
    public boolean supportsColdStart() {
        return true;
    }

    /** New items have no training interactions: they rank with the least popular. */
    @Override
    public RankingModel withColdStartItems(List<SemanticId> codes) {
        return new MostPopularScorer(Arrays.copyOf(scores, scores.length + codes.size()));
    }
}
