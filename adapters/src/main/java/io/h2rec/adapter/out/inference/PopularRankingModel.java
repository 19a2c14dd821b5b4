package io.h2rec.adapter.out.inference;

import io.h2rec.domain.model.SemanticId;
import io.h2rec.domain.port.out.RankingModel;

import java.util.Arrays;
import java.util.List;

/** The most-popular baseline as a served model: the same ranking for every history. */
final class PopularRankingModel implements RankingModel {
    private final float[] scores;

    PopularRankingModel(float[] popularity) {
        this.scores = popularity.clone();
        scores[0] = Float.NEGATIVE_INFINITY;
    }

    @Override
    public int numItems() {
        return scores.length - 1;
    }

    @Override
    public float[][] score(List<int[]> histories) {
        float[][] out = new float[histories.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = scores.clone();
        }
        return out;
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

    /** New items have no training interactions: they rank last. */
    @Override
    public RankingModel withColdStartItems(List<SemanticId> codes) {
        float[] more = Arrays.copyOf(scores, scores.length + codes.size());
        return new PopularRankingModel(more);
    }
}
