package io.h2rec.domain.port.out;

import io.h2rec.domain.model.ModelWeights;

/** Turns exported weights into a scorer (no training framework involved). */
public interface InferenceEngine {
    /** @throws IllegalArgumentException when the weights' model type or arrays are not understood */
    RankingModel load(ModelWeights weights);
}
