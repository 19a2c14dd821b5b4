package io.h2rec.domain.model;


/** How a trainer reports progress and learns it should stop. */
public interface TrainingListener {
    TrainingListener NONE = new TrainingListener() {
    };

    default void onProgress(RunProgress progress) {
    }

    /** Checked between steps; a trainer stops promptly when true. */
    default boolean cancelled() {
        return false;
    }
}
