package io.h2rec.domain.model;

import java.time.Instant;

/**
 * One execution of an experiment with one seed.
 *
 * @param owner the process that claimed it ("host:pid"), null while QUEUED
 */
public record Run(long id, long experimentId, long seed, RunStatus status, String configHash,
                  Provenance provenance, RunProgress progress, String error,
                  Instant createdAt, Instant startedAt, Instant finishedAt, String owner) {
}
