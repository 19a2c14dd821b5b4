package io.h2rec.adapter.out.inference;

import io.h2rec.domain.model.WeightNames;
import io.h2rec.domain.model.ModelWeights;
import io.h2rec.domain.port.out.InferenceEngine;
import io.h2rec.domain.port.out.RankingModel;
import io.h2rec.domain.baseline.MostPopularScorer;

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
            return new MostPopularScorer(weights.array(WeightNames.POPULARITY).values());
        }
        // The spec, read strictly from the weights' recorded config, decides the graph: never a guess by name.
        return switch (weights.spec().family()) {
            case HID, SID_ONLY, NAIVE_FUSION -> new SingleBranchScorer(weights);
            case H2REC -> new H2RecScorer(weights);
        };
    }
}
