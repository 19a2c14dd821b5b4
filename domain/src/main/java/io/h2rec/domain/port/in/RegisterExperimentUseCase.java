package io.h2rec.domain.port.in;

import io.h2rec.domain.model.Created;
import io.h2rec.domain.model.Experiment;

/** The experiment registry's entry point. */
public interface RegisterExperimentUseCase {
    /**
     * Validates and stores the experiment; registering the same spec again returns the stored one.
     *
     * @throws io.h2rec.domain.error.InvalidInputException unknown dataset, codebook (or one of another
     *         dataset) or model, bad parameters, a config over the memory budget
     * @throws io.h2rec.domain.error.ConflictException the name is taken by a different spec
     */
    Created<Experiment> registerIfAbsent(RegisterExperimentCommand command);

    default Experiment register(RegisterExperimentCommand command) {
        return registerIfAbsent(command).value();
    }
}
