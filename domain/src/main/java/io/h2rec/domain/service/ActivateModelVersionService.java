package io.h2rec.domain.service;

import io.h2rec.domain.model.ModelVersion;
import io.h2rec.domain.port.in.ActivateModelVersionUseCase;
import io.h2rec.domain.port.out.ModelVersionStore;

/** Activation is one atomic store operation, recorded with its actor in the activation history. */
public final class ActivateModelVersionService implements ActivateModelVersionUseCase {
    private final ModelVersionStore versions;

    public ActivateModelVersionService(ModelVersionStore versions) {
        this.versions = versions;
    }

    @Override
    public ModelVersion activate(long id, String actor) {
        return versions.activate(id, actor);
    }
}
