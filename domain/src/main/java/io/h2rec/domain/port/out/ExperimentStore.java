package io.h2rec.domain.port.out;

import io.h2rec.domain.model.CancelOutcome;
import io.h2rec.domain.model.Created;
import io.h2rec.domain.model.EpochPoint;
import io.h2rec.domain.model.EvaluationResult;
import io.h2rec.domain.model.Experiment;
import io.h2rec.domain.model.ExperimentSpec;
import io.h2rec.domain.model.LeaseState;
import io.h2rec.domain.model.LedgerRun;
import io.h2rec.domain.model.MetricValue;
import io.h2rec.domain.model.Provenance;
import io.h2rec.domain.model.Run;
import io.h2rec.domain.model.RunProgress;
import io.h2rec.domain.model.RunStatus;

import java.util.List;
import java.util.Optional;

/**
 * Experiments, runs, their progress and metrics. Status changes are atomic. A RUNNING run is held
 * by its owner through a lease: the owner renews it ({@link #heartbeat}); any process may mark runs
 * whose lease expired INTERRUPTED ({@link #interruptExpired}). Times are the database's clock.
 */
public interface ExperimentStore {
    Experiment saveExperiment(ExperimentSpec spec);

    /**
     * Saves the spec unless an experiment of that name exists, atomically: of concurrent calls with
     * one name exactly one creates it; the others get the stored experiment (whose spec may differ).
     */
    Created<Experiment> saveExperimentIfAbsent(ExperimentSpec spec);

    Optional<Experiment> findExperiment(long id);

    Optional<Experiment> findExperimentByName(String name);

    List<Experiment> listExperiments();

    /** A new QUEUED run. */
    default Run createRun(long experimentId, long seed, String configHash) {
        return createRun(experimentId, seed, configHash, false).value();
    }

    /**
     * A new QUEUED run, or, with {@code reuseActive}, the QUEUED or RUNNING run of this config hash
     * if there is one (atomically: concurrent calls with one hash create one run).
     */
    Created<Run> createRun(long experimentId, long seed, String configHash, boolean reuseActive);

    Optional<Run> findRun(long runId);

    List<Run> listRuns(long experimentId);

    /** The newest SUCCEEDED run with this config hash, if any (lets long sweeps resume). */
    Optional<Run> findSucceededRun(String configHash);

    /** Runs in one status, oldest first (a restarted service picks QUEUED ones up again). */
    List<Run> findByStatus(RunStatus status);

    /**
     * QUEUED -> RUNNING under {@code owner}'s lease, atomically: of two processes claiming one run, one wins.
     *
     * @throws IllegalStateException when the run is not QUEUED
     */
    void claim(long runId, String owner);

    /** Renews the owner's lease on a RUNNING run and stores its latest progress (when not null). */
    LeaseState heartbeat(long runId, String owner, RunProgress progress);

    /**
     * Marks RUNNING runs whose lease is older than {@code leaseSeconds} INTERRUPTED, saying whose
     * lease expired and when; returns them.
     */
    List<Run> interruptExpired(long leaseSeconds, String markedBy);

    /** Cancels a run in any non-terminal state; see {@link CancelOutcome}. */
    CancelOutcome cancel(long runId, long leaseSeconds, String reason);

    /**
     * INTERRUPTED or FAILED -> QUEUED (attempt + 1), so a scheduler continues it from its last checkpoint.
     *
     * @throws IllegalStateException in any other status
     */
    Run requeue(long runId);

    void recordProvenance(long runId, Provenance provenance);

    void updateProgress(long runId, RunProgress progress);

    /**
     * Ends a RUNNING run (QUEUED too, except for SUCCEEDED): SUCCEEDED with its metrics (in the same
     * transaction), FAILED, CANCELLED or INTERRUPTED with a message.
     *
     * @param owner the lease holder; the change is refused (IllegalStateException) when another
     *              process holds the run now. Null: no owner check.
     */
    void finish(long runId, String owner, RunStatus to, String message, EvaluationResult result,
                RunProgress finalProgress);

    /** Stores the metrics and marks the run SUCCEEDED, in one transaction. */
    default void markSucceeded(long runId, EvaluationResult result, RunProgress finalProgress) {
        finish(runId, null, RunStatus.SUCCEEDED, null, result, finalProgress);
    }

    default void markFailed(long runId, String error) {
        finish(runId, null, RunStatus.FAILED, error, null, null);
    }

    default void markCancelled(long runId, String reason) {
        finish(runId, null, RunStatus.CANCELLED, reason, null, null);
    }

    List<MetricValue> metrics(long runId);

    /**
     * Keeps one epoch of a run's learning curve; an epoch recorded again (a run resumed from a checkpoint
     * older than its last epoch) replaces the earlier point.
     */
    void recordEpoch(long runId, EpochPoint point);

    /**
     * Drops the learning curve's points after {@code epoch}: an attempt that resumed from the checkpoint of that
     * epoch (0: no checkpoint, it started over) retrains the rest, so when its first epoch is recorded the curve
     * stops showing the previous attempt's later epochs beside the new ones.
     */
    void discardEpochsAfter(long runId, int epoch);

    /** The run's learning curve, by epoch (empty for runs that kept none, e.g. before 2026-11-30). */
    List<EpochPoint> epochs(long runId);

    /**
     * A run trained elsewhere, from its run-ledger line: SUCCEEDED at once with the line's seed, instants, metrics and
     * learning curve, in one transaction; its config hash and {@link Run#importedFrom} are the line's key. It has no
     * weights, so no model version: it is for comparing, not serving. Once per key, atomically: a line imported already
     * (by a concurrent call too) gives that run, not created.
     */
    Created<Run> importRun(long experimentId, LedgerRun line, Provenance provenance, RunProgress progress);
}
