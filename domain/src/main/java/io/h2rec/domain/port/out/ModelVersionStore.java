package io.h2rec.domain.port.out;

import io.h2rec.domain.model.ModelVersion;
import io.h2rec.domain.model.Provenance;

import java.util.List;
import java.util.Optional;

/** Registered model versions and which one serving should load. */
public interface ModelVersionStore {
    ModelVersion register(long runId, String modelType, String artifactUri, String checksum, Provenance provenance);

    Optional<ModelVersion> find(long id);

    Optional<ModelVersion> findByRun(long runId);

    List<ModelVersion> list();

    Optional<ModelVersion> active();

    /** Makes this version the active one (and no other), atomically. */
    ModelVersion activate(long id);

    /**
     * {@link #activate(long)}, recording who asked in the activation history (same transaction) where
     * the store keeps one ({@link ActivationHistory}).
     */
    default ModelVersion activate(long id, String actor) {
        return activate(id);
    }
}
