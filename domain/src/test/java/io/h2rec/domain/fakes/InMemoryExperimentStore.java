package io.h2rec.domain.fakes;

import io.h2rec.domain.model.EvaluationResult;
import io.h2rec.domain.model.Experiment;
import io.h2rec.domain.model.ExperimentSpec;
import io.h2rec.domain.model.MetricValue;
import io.h2rec.domain.model.Provenance;
import io.h2rec.domain.model.Run;
import io.h2rec.domain.model.RunProgress;
import io.h2rec.domain.model.RunStatus;
import io.h2rec.domain.port.out.ExperimentStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

public final class InMemoryExperimentStore implements ExperimentStore {
    private final Map<Long, Experiment> experiments = new LinkedHashMap<>();
    private final Map<Long, Run> runs = new LinkedHashMap<>();
    private final Map<Long, List<MetricValue>> metrics = new HashMap<>();
    public final List<RunProgress> progress = new ArrayList<>();

    @Override
    public Experiment saveExperiment(ExperimentSpec spec) {
        Experiment e = new Experiment(experiments.size() + 1, spec, Instant.now());
        experiments.put(e.id(), e);
        return e;
    }

    @Override
    public Optional<Experiment> findExperiment(long id) {
        return Optional.ofNullable(experiments.get(id));
    }

    @Override
    public Optional<Experiment> findExperimentByName(String name) {
        return experiments.values().stream().filter(e -> e.spec().name().equals(name)).findFirst();
    }

    @Override
    public List<Experiment> listExperiments() {
        return List.copyOf(experiments.values());
    }

    @Override
    public Run createRun(long experimentId, long seed, String configHash) {
        Run r = new Run(runs.size() + 1, experimentId, seed, RunStatus.QUEUED, configHash, null, null, null,
                Instant.now(), null, null, null);
        runs.put(r.id(), r);
        return r;
    }

    @Override
    public Optional<Run> findRun(long runId) {
        return Optional.ofNullable(runs.get(runId));
    }

    @Override
    public List<Run> listRuns(long experimentId) {
        return runs.values().stream().filter(r -> r.experimentId() == experimentId).toList();
    }

    @Override
    public Optional<Run> findSucceededRun(String configHash) {
        return runs.values().stream().filter(r -> r.status() == RunStatus.SUCCEEDED && r.configHash().equals(configHash))
                .findFirst();
    }

    @Override
    public List<Run> findByStatus(RunStatus status) {
        return runs.values().stream().filter(r -> r.status() == status).toList();
    }

    private void update(long id, RunStatus to, Provenance p, RunProgress progress, String error, boolean finish) {
        Run r = runs.get(id);
        runs.put(id, new Run(r.id(), r.experimentId(), r.seed(), to, r.configHash(), p == null ? r.provenance() : p,
                progress == null ? r.progress() : progress, error == null ? r.error() : error, r.createdAt(),
                to == RunStatus.RUNNING ? Instant.now() : r.startedAt(), finish ? Instant.now() : r.finishedAt(),
                r.owner()));
    }

    @Override
    public void claim(long runId, String owner) {
        if (runs.get(runId).status() != RunStatus.QUEUED) {
            throw new IllegalStateException("run " + runId + " is " + runs.get(runId).status());
        }
        update(runId, RunStatus.RUNNING, null, null, null, false);
    }

    @Override
    public void recordProvenance(long runId, Provenance provenance) {
        update(runId, runs.get(runId).status(), provenance, null, null, false);
    }

    @Override
    public void updateProgress(long runId, RunProgress p) {
        progress.add(p);
        update(runId, runs.get(runId).status(), null, p, null, false);
    }

    @Override
    public void markSucceeded(long runId, EvaluationResult result, RunProgress finalProgress) {
        metrics.put(runId, result.values());
        update(runId, RunStatus.SUCCEEDED, null, finalProgress, null, true);
    }

    @Override
    public void markFailed(long runId, String error) {
        update(runId, RunStatus.FAILED, null, null, error, true);
    }

    @Override
    public void markCancelled(long runId, String reason) {
        update(runId, RunStatus.CANCELLED, null, null, reason, true);
    }

    @Override
    public List<MetricValue> metrics(long runId) {
        return metrics.getOrDefault(runId, List.of());
    }
}
