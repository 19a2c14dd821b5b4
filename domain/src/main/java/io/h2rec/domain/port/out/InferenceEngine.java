package io.h2rec.domain.port.out;

import io.h2rec.domain.model.ModelWeights;

/** Turns exported weights into a scorer (no training framework involved). */
public interface InferenceEngine {
    /** @throws IllegalArgumentException when the weights' model type or arrays are not understood */
    RankingModel load(ModelWeights weights);

    /** What computes the scores, for logs and provenance (e.g. "pure Java, vector (256-bit lanes)"). */
    default String describe() {
        return getClass().getSimpleName();
    }
}
