package io.h2rec.domain.model;

/**
 * Where a running job is, readable while it runs.
 *
 * @param epoch          last finished epoch (0 before the first)
 * @param maxEpochs      the schedule's limit
 * @param loss           mean training loss of the last epoch
 * @param validationNdcg validation NDCG@10 (full ranking) of the last epoch
 * @param bestEpoch      epoch of the best validation NDCG@10 so far
 * @param bestValidationNdcg the best validation NDCG@10 so far
 * @param secondsPerEpoch mean wall seconds per training epoch (without validation)
 * @param message        what is happening now, for humans
 */
public record RunProgress(int epoch, int maxEpochs, double loss, double validationNdcg, int bestEpoch,
                          double bestValidationNdcg, double secondsPerEpoch, String message) {
    public static RunProgress starting(String message) {
        return new RunProgress(0, 0, Double.NaN, Double.NaN, 0, Double.NaN, Double.NaN, message);
    }
}
