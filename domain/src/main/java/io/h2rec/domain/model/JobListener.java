package io.h2rec.domain.model;

/** Progress of a long job (stage, done of total) and whether it should stop. */
public interface JobListener {
    JobListener NONE = new JobListener() {
    };

    default void progress(String stage, long done, long total) {
    }

    /** Checked between units of work; a job throws {@link java.util.concurrent.CancellationException} when true. */
    default boolean cancelled() {
        return false;
    }

    default void checkCancelled() {
        if (cancelled()) {
            throw new java.util.concurrent.CancellationException("cancelled");
        }
    }
}
