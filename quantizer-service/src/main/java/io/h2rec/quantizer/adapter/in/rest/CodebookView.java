package io.h2rec.quantizer.adapter.in.rest;

import io.h2rec.domain.model.Codebook;

import java.time.Instant;
import java.util.Map;

/** A codebook version as the API shows it (NaN becomes null). */
public record CodebookView(long id, long datasetId, String datasetFingerprint, String quantizer, int levels,
                           int codebookSize, long seed, Map<String, String> options, String encoderId,
                           String textTemplate, int codeDim, int items, double[] utilisation, int collisions,
                           int distinctTuples, Double reconstructionError, double encodeSeconds,
                           double quantizeSeconds, double wallSeconds, String device, Instant createdAt) {
    static CodebookView of(Codebook c) {
        double mse = c.stats().reconstructionError();
        return new CodebookView(c.id(), c.datasetId(), c.datasetFingerprint(), c.config().quantizer(),
                c.config().levels(), c.config().codebookSize(), c.config().seed(), c.config().options(), c.encoderId(),
                c.textTemplate(), c.codeDim(), c.items(), c.stats().utilisation(), c.stats().collisions(),
                c.stats().distinctTuples(), Double.isNaN(mse) ? null : mse, c.stats().encodeSeconds(),
                c.stats().quantizeSeconds(), c.stats().wallSeconds(), c.stats().device(), c.createdAt());
    }
}
