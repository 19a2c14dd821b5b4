package io.h2rec.domain.port.in;

import io.h2rec.domain.model.Experiment;

/** The experiment registry's entry point. */
public interface RegisterExperimentUseCase {
    /**
     * @throws IllegalArgumentException unknown dataset or model, bad parameters, or a name already
     *                                  taken by a different spec
     */
    Experiment register(RegisterExperimentCommand command);
}
