package io.h2rec.domain.port.in;

import io.h2rec.domain.model.CancelOutcome;
import io.h2rec.domain.model.Created;
import io.h2rec.domain.model.Run;
import io.h2rec.domain.model.TrainingListener;

import java.util.List;
import java.util.Optional;

/** Queue, execute, cancel, interrupt and resume training runs. */
public interface TrainModelUseCase {
    /** A QUEUED run, or the active run of the same config when the command reuses it (created false). */
    Created<Run> submit(TrainModelCommand command);

    /** A QUEUED run (or the reused active one). */
    default Run queue(TrainModelCommand command) {
        return submit(command).value();
    }

    /**
     * A SUCCEEDED run with exactly this command's inputs (same config hash), if one exists: long
     * sweeps skip it and resume where they stopped.
     */
    Optional<Run> completed(TrainModelCommand command);

    /**
     * Executes a QUEUED run to its end, synchronously, holding its lease: RUNNING, then SUCCEEDED
     * with metrics, FAILED with the error, CANCELLED, or INTERRUPTED (shutdown, lost lease) with a
     * checkpoint to resume from. A resumed run continues from its checkpoint. Never throws for a
     * failure of the run itself.
     */
    Run execute(long runId, TrainingListener listener);

    /** Cancels a run in any non-terminal state, orphans included. */
    CancelOutcome cancel(long runId);

    /** INTERRUPTED or FAILED -> QUEUED, to continue from its last checkpoint on whichever process executes it. */
    Run resume(long runId);

    /** Marks runs whose owner stopped renewing its lease INTERRUPTED; returns them. */
    List<Run> interruptAbandoned();

    /**
     * Stops every run this process executes at its next step (each saves its checkpoint and ends
     * INTERRUPTED with {@code reason}) and waits up to {@code waitMillis} for them to end.
     *
     * @return the ids of runs still executing when the wait ended
     */
    List<Long> interruptAll(String reason, long waitMillis);
}
