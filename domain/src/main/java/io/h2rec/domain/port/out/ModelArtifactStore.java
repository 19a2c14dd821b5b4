package io.h2rec.domain.port.out;

import io.h2rec.domain.model.ModelWeights;
import io.h2rec.domain.model.Provenance;
import io.h2rec.domain.model.RunCheckpoints;

/** Model artifacts (manifest + weights) where serving can read them. */
public interface ModelArtifactStore {
    record Saved(String uri, String checksum) {
    }

    Saved save(String name, ModelWeights weights, Provenance provenance);

    /** @throws IllegalStateException when the weights do not match the manifest's checksum */
    ModelWeights load(String uri);

    /** The checkpoints of a run ({@code name} as for {@link #save}), beside its artifacts. */
    default RunCheckpoints checkpoints(String name) {
        return RunCheckpoints.NONE;
    }

    /** Removes a run's checkpoint (the run finished or starts afresh). */
    default void deleteCheckpoint(String name) {
    }
}
