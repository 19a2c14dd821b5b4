package io.h2rec.domain.port.out;

import io.h2rec.domain.model.CancelOutcome;
import io.h2rec.domain.model.JobProgress;
import io.h2rec.domain.model.LeaseState;
import io.h2rec.domain.model.QuantizationJob;
import io.h2rec.domain.model.RunStatus;

import java.util.List;
import java.util.Optional;

/**
 * Quantization jobs, durable across restarts, with the lease lifecycle of runs (see
 * {@link ExperimentStore}): claim, heartbeat, interrupt expired, cancel, requeue, finish.
 */
public interface QuantizationJobStore {
    /** A new QUEUED job. */
    QuantizationJob create(String requestJson, Long datasetId);

    Optional<QuantizationJob> find(long id);

    /** The newest jobs first, at most {@code limit}. */
    List<QuantizationJob> list(int limit);

    List<QuantizationJob> findByState(RunStatus state);

    /** @throws IllegalStateException when the job is not QUEUED */
    void claim(long id, String owner);

    /** Renews the lease, storing progress (when not null) and the dataset once known. */
    LeaseState heartbeat(long id, String owner, JobProgress progress, Long datasetId);

    List<QuantizationJob> interruptExpired(long leaseSeconds, String markedBy);

    CancelOutcome cancel(long id, long leaseSeconds, String reason);

    /** INTERRUPTED or FAILED -> QUEUED (attempt + 1). */
    QuantizationJob requeue(long id);

    /** Ends the job (see {@link ExperimentStore#finish}); SUCCEEDED with its codebook. */
    void finish(long id, String owner, RunStatus to, String error, Long codebookId, JobProgress progress);
}
