package io.h2rec.domain.model;

import java.time.Instant;

/**
 * A quantization job as stored: its state (the states of a run), progress, result or error.
 *
 * @param request   the job's parameters as submitted (JSON, the quantizer service's request)
 * @param datasetId the dataset once known (given, or registered by the job)
 * @param owner     the process holding its lease while RUNNING
 */
public record QuantizationJob(long id, RunStatus state, String request, Long datasetId, Long codebookId,
                              JobProgress progress, String error, String owner, int attempt, Instant createdAt,
                              Instant startedAt, Instant finishedAt, Instant heartbeatAt) {
}
