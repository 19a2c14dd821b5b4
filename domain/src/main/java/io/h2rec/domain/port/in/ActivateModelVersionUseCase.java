package io.h2rec.domain.port.in;

import io.h2rec.domain.model.ModelVersion;

/** Makes a version the one serving loads (serving swaps to it without downtime). */
public interface ActivateModelVersionUseCase {
    /**
     * @param actor who asked, kept in the activation history
     * @throws io.h2rec.domain.error.NotFoundException unknown version
     */
    ModelVersion activate(long id, String actor);
}
