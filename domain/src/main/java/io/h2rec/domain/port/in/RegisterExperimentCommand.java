package io.h2rec.domain.port.in;

import io.h2rec.domain.model.ExperimentSpec;

import java.util.Objects;

/** Register an experiment; its parameters are validated against the model's configuration. */
public record RegisterExperimentCommand(ExperimentSpec spec) {
    public RegisterExperimentCommand {
        Objects.requireNonNull(spec, "spec");
    }
}
