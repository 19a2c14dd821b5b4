package io.h2rec.quantizer.jobs;

import java.time.Instant;

/**
 * A snapshot of a quantization job, as the API shows it.
 *
 * @param state  QUEUED, RUNNING, SUCCEEDED, FAILED or CANCELLED
 * @param stage  what it is doing ("encoding text", "k-means level 2/4", ...)
 * @param done   units of the stage done, of {@code total}
 */
public record QuantizationJob(long id, String state, String stage, long done, long total, Long datasetId,
                              Long codebookId, String error, QuantizationRequest request, Instant createdAt,
                              Instant startedAt, Instant finishedAt) {
}
