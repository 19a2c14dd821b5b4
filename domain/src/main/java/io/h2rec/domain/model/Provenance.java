package io.h2rec.domain.model;

import java.util.Map;

/**
 * Where a run or an artifact came from: enough to reproduce it.
 *
 * @param device      what computed it, e.g. "CPU (2 threads)" or "GPU:0"
 * @param codeVersion git commit of the code that ran
 * @param config      the resolved configuration (defaults included)
 */
public record Provenance(String datasetName, String datasetFingerprint, PreparationParams preparation,
                         EvaluationProtocol evaluation, Long codebookId, String model, Map<String, String> config,
                         long seed, String codeVersion, String device, String host) {
    public Provenance {
        config = Map.copyOf(config);
    }
}
