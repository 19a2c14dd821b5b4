package io.h2rec.domain.model;

/**
 * One epoch of a training run, kept for its learning curve (the registry's epoch history, the run ledger).
 *
 * @param epoch          the epoch (1-based)
 * @param loss           mean training loss of the epoch
 * @param validationNdcg validation NDCG@10 (full ranking) after the epoch; NaN when the epoch was not evaluated
 */
public record EpochPoint(int epoch, double loss, double validationNdcg) {
    public EpochPoint {
        if (epoch < 1) {
            throw new IllegalArgumentException("epoch " + epoch + " < 1");
        }
    }

    /** The point of a training epoch's progress, or null for progress that is not an epoch's (preparing, evaluating). */
    public static EpochPoint of(RunProgress p) {
        return p == null || p.epoch() < 1 || p.maxEpochs() < 1 || !Double.isFinite(p.loss()) ? null
                : new EpochPoint(p.epoch(), p.loss(), p.validationNdcg());
    }
}
