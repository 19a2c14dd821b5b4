package io.h2rec.domain.model;

import java.util.List;

/**
 * Each variant of a split scored offline on the test split of the data it was trained on.
 *
 * @param deployment the deployment replayed, or null (aliases named one by one)
 * @param testCases  evaluation cases of the test split (one per user under leave-one-out)
 */
public record ReplayReport(String deployment, String datasetName, String datasetFingerprint, int testCases,
                           List<Variant> variants) {
    /** @param weight the route's weight in the deployment (0 for aliases named one by one) */
    public record Variant(String alias, int weight, ModelVersion version, EvaluationResult result) {
    }

    public ReplayReport {
        variants = List.copyOf(variants);
    }
}
