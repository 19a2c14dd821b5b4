package io.h2rec.domain.port.in;

/**
 * Queue one run of an experiment with one seed.
 *
 * @param reuseActive when a run of the same config hash (experiment, resolved config, seed) is
 *                    already QUEUED or RUNNING, return it instead of queueing another (the REST API's
 *                    default; a client forces a new run with false)
 */
public record TrainModelCommand(long experimentId, long seed, boolean reuseActive) {
    public TrainModelCommand {
        if (experimentId <= 0) {
            throw new IllegalArgumentException("experiment id must be positive, got " + experimentId);
        }
    }

    /** Always a new run: the one-shot commands execute the run they queue. */
    public TrainModelCommand(long experimentId, long seed) {
        this(experimentId, seed, false);
    }
}
