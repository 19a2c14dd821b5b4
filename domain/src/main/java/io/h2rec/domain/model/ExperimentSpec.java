package io.h2rec.domain.model;

import io.h2rec.domain.error.InvalidInputException;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What an ML engineer registers: a model on a dataset (and codebook version, for SID models) with
 * hyper-parameters and the seeds to run.
 *
 * @param params hyper-parameter overrides by name; validated against the model's typed config
 */
public record ExperimentSpec(String name, long datasetId, Long codebookId, String model,
                             Map<String, String> params, List<Long> seeds) {
    public ExperimentSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(model, "model");
        if (name.isBlank()) {
            throw new InvalidInputException("name", "experiment name must not be blank");
        }
        if (model.isBlank()) {
            throw new InvalidInputException("model", "model must not be blank");
        }
        params = new TreeMap<>(params == null ? Map.of() : params);
        params = Map.copyOf(params);
        seeds = List.copyOf(seeds == null || seeds.isEmpty() ? List.of(42L) : seeds);
    }

    /** Parameters in key order, for hashing and display. */
    public TreeMap<String, String> sortedParams() {
        return new TreeMap<>(params);
    }
}
