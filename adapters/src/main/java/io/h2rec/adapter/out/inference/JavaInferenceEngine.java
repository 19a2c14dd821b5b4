package io.h2rec.adapter.out.inference;

import io.h2rec.domain.model.ModelWeights;
import io.h2rec.domain.port.out.InferenceEngine;
import io.h2rec.domain.port.out.RankingModel;
import io.h2rec.domain.service.MostPopularScorer;

/**
 * Loads exported weights into a pure-Java scorer: no TensorFlow at serving time, and the numbers
 * a run reports are computed by this same code.
 */
public final class JavaInferenceEngine implements InferenceEngine {

    @Override
    public String describe() {
        return "pure Java, " + Kernels.describe();
    }

    @Override
    public RankingModel load(ModelWeights weights) {
        if (weights.modelType().equals("popular")) {
            return new MostPopularScorer(weights.array("popularity").values());
        }
        String family = weights.config().get("family");
        if (family == null) {
            throw new IllegalArgumentException("weights of " + weights.modelType() + " name no model family");
        }
        return switch (family) {
            case "hid", "sid_only", "naive_fusion" -> new SingleBranchScorer(weights);
            case "h2rec" -> new H2RecScorer(weights);
            default -> throw new IllegalArgumentException("no inference for model family '" + family + "'");
        };
    }
}
