package io.h2rec.domain.model;

import java.time.Instant;

/**
 * One execution of an experiment with one seed.
 *
 * @param owner       the process executing it (its owner id), null while QUEUED
 * @param heartbeatAt when the owner last renewed its lease (database clock); null unless it ran
 * @param attempt     1, then one more per resume
 * @param importedFrom the run-ledger key of the line this run was imported from (trained elsewhere: metrics and
 *                     learning curve, no weights), null for a run trained by this registry
 */
public record Run(long id, long experimentId, long seed, RunStatus status, String configHash,
                  Provenance provenance, RunProgress progress, String error,
                  Instant createdAt, Instant startedAt, Instant finishedAt, String owner, Instant heartbeatAt,
                  int attempt, String importedFrom) {
    /** A run trained by this registry. */
    public Run(long id, long experimentId, long seed, RunStatus status, String configHash, Provenance provenance,
               RunProgress progress, String error, Instant createdAt, Instant startedAt, Instant finishedAt,
               String owner, Instant heartbeatAt, int attempt) {
        this(id, experimentId, seed, status, configHash, provenance, progress, error, createdAt, startedAt, finishedAt,
                owner, heartbeatAt, attempt, null);
    }

    public Run(long id, long experimentId, long seed, RunStatus status, String configHash, Provenance provenance,
               RunProgress progress, String error, Instant createdAt, Instant startedAt, Instant finishedAt,
               String owner) {
        this(id, experimentId, seed, status, configHash, provenance, progress, error, createdAt, startedAt, finishedAt,
                owner, null, 1);
    }
}
