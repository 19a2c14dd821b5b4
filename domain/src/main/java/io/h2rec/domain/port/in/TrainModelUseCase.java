package io.h2rec.domain.port.in;

import io.h2rec.domain.model.Run;
import io.h2rec.domain.model.TrainingListener;

/** Queue, execute and cancel training runs. */
public interface TrainModelUseCase {
    /** A QUEUED run. */
    Run queue(TrainModelCommand command);

    /**
     * A SUCCEEDED run with exactly this command's inputs (same config hash), if one exists: long
     * sweeps skip it and resume where they stopped.
     */
    java.util.Optional<Run> completed(TrainModelCommand command);

    /**
     * Executes a QUEUED run to its end, synchronously: RUNNING, then SUCCEEDED with metrics, or
     * FAILED with the error, or CANCELLED. Never throws for a failure of the run itself.
     */
    Run execute(long runId, TrainingListener listener);

    /** Cancels a queued run at once, a running one at its next step. False when already finished. */
    boolean cancel(long runId);
}
