package io.h2rec.domain.model;

import java.util.Optional;

/** Where a trainer keeps one run's checkpoint (the latest only) and finds it again when the run resumes. */
public interface RunCheckpoints {
    RunCheckpoints NONE = new RunCheckpoints() {
        @Override
        public Optional<TrainingCheckpoint> latest() {
            return Optional.empty();
        }

        @Override
        public void save(TrainingCheckpoint checkpoint) {
        }
    };

    /** The checkpoint to continue from, if this run has one. */
    Optional<TrainingCheckpoint> latest();

    /** Replaces the run's checkpoint, atomically (a crash mid-write leaves the previous one). */
    void save(TrainingCheckpoint checkpoint);
}
