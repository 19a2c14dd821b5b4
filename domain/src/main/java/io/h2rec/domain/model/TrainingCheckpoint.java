package io.h2rec.domain.model;

import java.util.Map;

/**
 * Everything a trainer needs to continue a run exactly where an epoch ended: the weights with
 * their optimizer state, the best weights so far and the early-stopping state, and the position of
 * its random streams (as the number of epochs and steps drawn, which the trainer replays).
 *
 * @param configHash  the run's config hash: a checkpoint of another config is never used
 * @param epoch       the last finished epoch
 * @param steps       optimizer steps taken so far
 * @param weights     every variable by name, optimizer state included
 * @param bestWeights the weights of {@code bestEpoch} (empty before the first validation)
 * @param progress    the progress reported at the end of {@code epoch}
 */
public record TrainingCheckpoint(String configHash, int epoch, long steps, double bestValidation, int bestEpoch,
                                 double trainSeconds, RunProgress progress, Map<String, float[]> weights,
                                 Map<String, float[]> bestWeights) {
    public TrainingCheckpoint {
        weights = Map.copyOf(weights);
        bestWeights = Map.copyOf(bestWeights);
    }

    /** The same checkpoint stamped with its run's config hash (trainers do not know it). */
    public TrainingCheckpoint withConfigHash(String hash) {
        return new TrainingCheckpoint(hash, epoch, steps, bestValidation, bestEpoch, trainSeconds, progress, weights,
                bestWeights);
    }
}
