package io.h2rec.domain.port.in;

/** Queue one run of an experiment with one seed. */
public record TrainModelCommand(long experimentId, long seed) {
    public TrainModelCommand {
        if (experimentId <= 0) {
            throw new IllegalArgumentException("experiment id must be positive, got " + experimentId);
        }
    }
}
