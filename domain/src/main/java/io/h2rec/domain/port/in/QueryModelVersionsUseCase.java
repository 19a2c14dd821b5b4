package io.h2rec.domain.port.in;

import io.h2rec.domain.model.ModelActivation;
import io.h2rec.domain.model.ModelVersion;

import java.time.Instant;
import java.util.List;

/** Reads of the model versions training registered and of their activations. */
public interface QueryModelVersionsUseCase {
    /** Every version, newest first. */
    List<ModelVersion> versions();

    /** @throws io.h2rec.domain.error.NotFoundException unknown version */
    ModelVersion version(long id);

    /** @throws io.h2rec.domain.error.NotFoundException no version is active */
    ModelVersion active();

    /** @throws io.h2rec.domain.error.NotFoundException no version was active at that time */
    ModelVersion activeAt(Instant at);

    /** Activations, newest first, at most {@code limit}. */
    List<ModelActivation> activations(int limit);
}
