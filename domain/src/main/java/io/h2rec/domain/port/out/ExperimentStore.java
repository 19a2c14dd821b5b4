package io.h2rec.domain.port.out;

import io.h2rec.domain.model.EvaluationResult;
import io.h2rec.domain.model.Experiment;
import io.h2rec.domain.model.ExperimentSpec;
import io.h2rec.domain.model.MetricValue;
import io.h2rec.domain.model.Provenance;
import io.h2rec.domain.model.Run;
import io.h2rec.domain.model.RunProgress;
import io.h2rec.domain.model.RunStatus;

import java.util.List;
import java.util.Optional;

/** Experiments, runs, their progress and metrics. Status changes are atomic. */
public interface ExperimentStore {
    Experiment saveExperiment(ExperimentSpec spec);

    Optional<Experiment> findExperiment(long id);

    Optional<Experiment> findExperimentByName(String name);

    List<Experiment> listExperiments();

    /** A new QUEUED run. */
    Run createRun(long experimentId, long seed, String configHash);

    Optional<Run> findRun(long runId);

    List<Run> listRuns(long experimentId);

    /** The newest SUCCEEDED run with this config hash, if any (lets long sweeps resume). */
    Optional<Run> findSucceededRun(String configHash);

    /** QUEUED runs, oldest first: what a restarted service picks up again. */
    List<Run> findByStatus(RunStatus status);

    /**
     * QUEUED -> RUNNING, atomically: of two processes claiming one run, one wins.
     *
     * @throws IllegalStateException when the run is not QUEUED
     */
    void claim(long runId, String owner);

    void recordProvenance(long runId, Provenance provenance);

    void updateProgress(long runId, RunProgress progress);

    /** Stores the metrics and marks the run SUCCEEDED, in one transaction. */
    void markSucceeded(long runId, EvaluationResult result, RunProgress finalProgress);

    void markFailed(long runId, String error);

    void markCancelled(long runId, String reason);

    List<MetricValue> metrics(long runId);
}
