package io.h2rec.domain.model;

/** What a sweep reports while it runs: codebooks, each entry and seed, training progress. */
public interface PlanListener {
    PlanListener NONE = new PlanListener() {
    };

    /** Where an entry's seed stands. */
    enum State {
        /** finished, in the ledger or the registry */
        DONE,
        /** being trained now */
        TRAINING,
        /** trained now and finished */
        FINISHED,
        /** not selected by --only */
        SKIPPED,
        /** left for a run that is not a dry run */
        TO_DO,
        FAILED
    }

    default void dataset(RegisteredDataset dataset) {
    }

    /** A codebook an entry needs: found, just built, or (codebook null) still to build. */
    default void codebook(String quantizer, Codebook codebook, boolean built) {
    }

    /**
     * @param index  the position among the planned (entry, seed) pairs, 1-based; 0 for a finished run
     *               of a seed outside the entry's plan, reported all the same
     * @param detail a run id, a reason, or an error
     */
    default void entry(int index, int total, ExperimentPlan.Entry entry, long seed, State state, String detail) {
    }

    default TrainingListener training() {
        return TrainingListener.NONE;
    }

    default JobListener quantization() {
        return JobListener.NONE;
    }
}
