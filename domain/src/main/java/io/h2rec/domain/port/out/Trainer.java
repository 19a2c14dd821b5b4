package io.h2rec.domain.port.out;

import io.h2rec.domain.model.MemoryEstimate;

import java.util.Map;
import java.util.Set;

/** Trains the models it names on a split. One training pipeline per technology, models as config. */
public interface Trainer {
    /** The model names this trainer builds, e.g. "sasrec", "h2rec". */
    Set<String> models();

    /**
     * Defaults merged with {@code params}.
     *
     * @throws io.h2rec.domain.error.InvalidInputException naming params.KEY for an unknown key or a value out of range
     */
    Map<String, String> resolveConfig(String model, Map<String, String> params);

    /** True when the model needs semantic IDs (a codebook version) in its {@link TrainingRequest}. */
    default boolean usesSemanticIds(String model) {
        return false;
    }

    /**
     * Named parameter sets of this trainer's models, e.g. "paper" = the published paper's training setting
     * (the default objective may be another). Applied under a command's explicit parameters.
     */
    default Map<String, Map<String, String>> profiles() {
        return Map.of();
    }

    /**
     * The memory a run of this config would use on a dataset of {@code items} items, with
     * {@code sidCodes} semantic-ID code vectors (levels x K, 0 without a codebook); checked against
     * the budget before a config is accepted.
     */
    default MemoryEstimate estimateMemory(String model, Map<String, String> params, int items, int sidCodes) {
        return MemoryEstimate.NONE;
    }

    /** Where training will run, e.g. "CPU (2 threads)" or "GPU:0"; recorded before it starts. */
    String device();

    TrainedModel train(TrainingRequest request);
}
