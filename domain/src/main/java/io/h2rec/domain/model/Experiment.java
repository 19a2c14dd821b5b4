package io.h2rec.domain.model;

import java.time.Instant;

/** A registered experiment. */
public record Experiment(long id, ExperimentSpec spec, Instant createdAt) {
}
