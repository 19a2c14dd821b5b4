package io.h2rec.quantizer.jobs;

import io.h2rec.domain.model.QuantizationJob;

import java.time.Instant;

/**
 * A quantization job, as the API shows it.
 *
 * @param state   QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED or INTERRUPTED (its process stopped:
 *                POST .../restart runs it again)
 * @param stage   what it is doing ("encoding text", "k-means level 2/4", ...)
 * @param done    units of the stage done, of {@code total}
 * @param owner   the process holding its lease while it runs
 * @param attempt 1, then one more per restart
 */
public record QuantizationJobView(long id, String state, String stage, long done, long total, Long datasetId,
                                  Long codebookId, String error, QuantizationRequest request, String owner,
                                  int attempt, Instant createdAt, Instant startedAt, Instant finishedAt,
                                  Instant heartbeatAt) {
    static QuantizationJobView of(QuantizationJob j, QuantizationRequest request) {
        var p = j.progress();
        return new QuantizationJobView(j.id(), j.state().name(), p == null ? null : p.stage(),
                p == null ? 0 : p.done(), p == null ? 0 : p.total(), j.datasetId(), j.codebookId(), j.error(), request,
                j.owner(), j.attempt(), j.createdAt(), j.startedAt(), j.finishedAt(), j.heartbeatAt());
    }
}
