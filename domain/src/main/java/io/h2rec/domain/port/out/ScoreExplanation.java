package io.h2rec.domain.port.out;

import io.h2rec.domain.model.ScorePart;

import java.util.List;

/**
 * A loaded model's account of its scores for one history: computed on request (the explain path,
 * {@link RankingModel#explain}), never while ranking. An item's parts, in the order of
 * {@link #parts()}, sum to the score the model ranks it by, up to float rounding.
 */
public interface ScoreExplanation {
    /** The parts every item's score is the sum of, in order. */
    List<ScorePart> parts();

    /** The item's score split into {@link #parts()} (same order), computed in double precision. */
    double[] split(int item);

    /** The gate's weight per semantic-ID level (coarse first) at the history's last position; empty without a gate. */
    float[] gateWeights();

    /** The item's semantic ID, one code per level (coarse first); empty for a model without one. */
    int[] semanticId(int item);
}
