package io.h2rec.domain.fakes;

import io.h2rec.domain.error.ConflictException;
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
import io.h2rec.domain.port.out.ExperimentStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The store in memory, with the same lease semantics as the PostgreSQL one (wall clock). */
public final class InMemoryExperimentStore implements ExperimentStore {
    private final Map<Long, Experiment> experiments = new LinkedHashMap<>();
    private final Map<Long, Run> runs = new LinkedHashMap<>();
    private final Map<Long, List<MetricValue>> metrics = new HashMap<>();
    private final Map<Long, java.util.TreeMap<Integer, EpochPoint>> epochs = new HashMap<>();
    private final Set<Long> cancelRequested = new HashSet<>();
    public final List<RunProgress> progress = new ArrayList<>();

    @Override
    public synchronized Experiment saveExperiment(ExperimentSpec spec) {
        Experiment e = new Experiment(experiments.size() + 1, spec, Instant.now());
        experiments.put(e.id(), e);
        return e;
    }

    @Override
    public synchronized Created<Experiment> saveExperimentIfAbsent(ExperimentSpec spec) {
        return findExperimentByName(spec.name()).map(e -> new Created<>(e, false))
                .orElseGet(() -> new Created<>(saveExperiment(spec), true));
    }

    @Override
    public synchronized Optional<Experiment> findExperiment(long id) {
        return Optional.ofNullable(experiments.get(id));
    }

    @Override
    public synchronized Optional<Experiment> findExperimentByName(String name) {
        return experiments.values().stream().filter(e -> e.spec().name().equals(name)).findFirst();
    }

    @Override
    public synchronized List<Experiment> listExperiments() {
        return List.copyOf(experiments.values());
    }

    @Override
    public synchronized Created<Run> createRun(long experimentId, long seed, String configHash, boolean reuseActive) {
        if (reuseActive) {
            Optional<Run> active = runs.values().stream().filter(r -> r.configHash().equals(configHash)
                    && (r.status() == RunStatus.QUEUED || r.status() == RunStatus.RUNNING)).findFirst();
            if (active.isPresent()) {
                return new Created<>(active.get(), false);
            }
        }
        Run r = new Run(runs.size() + 1, experimentId, seed, RunStatus.QUEUED, configHash, null, null, null,
                Instant.now(), null, null, null);
        runs.put(r.id(), r);
        return new Created<>(r, true);
    }

    @Override
    public synchronized Optional<Run> findRun(long runId) {
        return Optional.ofNullable(runs.get(runId));
    }

    @Override
    public synchronized List<Run> listRuns(long experimentId) {
        return runs.values().stream().filter(r -> r.experimentId() == experimentId).toList();
    }

    @Override
    public synchronized Optional<Run> findSucceededRun(String configHash) {
        return runs.values().stream().filter(r -> r.status() == RunStatus.SUCCEEDED && r.configHash().equals(configHash))
                .findFirst();
    }

    @Override
    public synchronized List<Run> findByStatus(RunStatus status) {
        return runs.values().stream().filter(r -> r.status() == status).toList();
    }

    private void put(Run r, RunStatus to, String owner, Instant heartbeat, RunProgress progress, String error,
                     Instant finished, int attempt) {
        runs.put(r.id(), new Run(r.id(), r.experimentId(), r.seed(), to, r.configHash(), r.provenance(),
                progress, error, r.createdAt(), to == RunStatus.RUNNING && r.startedAt() == null
                ? Instant.now() : r.startedAt(), finished, owner, heartbeat, attempt, r.importedFrom()));
    }

    @Override
    public synchronized void claim(long runId, String owner) {
        Run r = runs.get(runId);
        if (r.status() != RunStatus.QUEUED) {
            throw new ConflictException("/api/v1/runs/" + runId, "run " + runId + " is " + r.status());
        }
        put(r, RunStatus.RUNNING, owner, Instant.now(), r.progress(), null, null, r.attempt());
    }

    @Override
    public synchronized LeaseState heartbeat(long runId, String owner, RunProgress p) {
        Run r = runs.get(runId);
        if (r.status() != RunStatus.RUNNING || !owner.equals(r.owner())) {
            return LeaseState.LOST;
        }
        put(r, r.status(), owner, Instant.now(), p == null ? r.progress() : p, r.error(), null, r.attempt());
        return cancelRequested.contains(runId) ? LeaseState.CANCEL_REQUESTED : LeaseState.HELD;
    }

    /** Test hook: the owner's last heartbeat moves {@code seconds} into the past. */
    public synchronized void ageLease(long runId, long seconds) {
        Run r = runs.get(runId);
        put(r, r.status(), r.owner(), r.heartbeatAt().minusSeconds(seconds), r.progress(), r.error(), r.finishedAt(),
                r.attempt());
    }

    @Override
    public synchronized List<Run> interruptExpired(long leaseSeconds, String markedBy) {
        List<Run> out = new ArrayList<>();
        Instant limit = Instant.now().minusSeconds(leaseSeconds);
        for (Run r : List.copyOf(runs.values())) {
            if (r.status() == RunStatus.RUNNING && r.heartbeatAt().isBefore(limit)) {
                boolean cancel = cancelRequested.remove(r.id());
                put(r, cancel ? RunStatus.CANCELLED : RunStatus.INTERRUPTED, r.owner(), r.heartbeatAt(), r.progress(),
                        "the lease of " + r.owner() + " expired; marked by " + markedBy, Instant.now(), r.attempt());
                out.add(runs.get(r.id()));
            }
        }
        return out;
    }

    @Override
    public synchronized CancelOutcome cancel(long runId, long leaseSeconds, String reason) {
        Run r = runs.get(runId);
        if (r.status().isTerminal()) {
            return CancelOutcome.FINISHED;
        }
        if (r.status() == RunStatus.RUNNING && !r.heartbeatAt().isBefore(Instant.now().minusSeconds(leaseSeconds))) {
            cancelRequested.add(runId);
            return CancelOutcome.REQUESTED;
        }
        put(r, RunStatus.CANCELLED, r.owner(), r.heartbeatAt(), r.progress(), reason, Instant.now(), r.attempt());
        return CancelOutcome.CANCELLED;
    }

    @Override
    public synchronized Run requeue(long runId) {
        Run r = runs.get(runId);
        if (!r.status().isResumable()) {
            throw new ConflictException("/api/v1/runs/" + runId, "run " + runId + " is " + r.status());
        }
        cancelRequested.remove(runId);
        put(r, RunStatus.QUEUED, null, r.heartbeatAt(), r.progress(), null, null, r.attempt() + 1);
        return runs.get(runId);
    }

    @Override
    public synchronized void recordProvenance(long runId, Provenance provenance) {
        Run r = runs.get(runId);
        runs.put(runId, new Run(r.id(), r.experimentId(), r.seed(), r.status(), r.configHash(), provenance,
                r.progress(), r.error(), r.createdAt(), r.startedAt(), r.finishedAt(), r.owner(), r.heartbeatAt(),
                r.attempt()));
    }

    @Override
    public synchronized void updateProgress(long runId, RunProgress p) {
        progress.add(p);
        Run r = runs.get(runId);
        put(r, r.status(), r.owner(), r.heartbeatAt(), p, r.error(), r.finishedAt(), r.attempt());
    }

    @Override
    public synchronized void finish(long runId, String owner, RunStatus to, String message, EvaluationResult result,
                                    RunProgress finalProgress) {
        Run r = runs.get(runId);
        boolean fromQueued = to != RunStatus.SUCCEEDED && to != RunStatus.INTERRUPTED && r.status() == RunStatus.QUEUED;
        if (r.status() != RunStatus.RUNNING && !fromQueued) {
            throw new ConflictException("/api/v1/runs/" + runId, "run " + runId + " is " + r.status() + "; cannot become " + to);
        }
        if (owner != null && r.owner() != null && !owner.equals(r.owner())) {
            throw new ConflictException("/api/v1/runs/" + runId, "run " + runId + " is held by " + r.owner());
        }
        if (result != null) {
            metrics.put(runId, result.values());
        }
        cancelRequested.remove(runId);
        put(r, to, r.owner(), r.heartbeatAt(), finalProgress == null ? r.progress() : finalProgress, message,
                Instant.now(), r.attempt());
    }

    @Override
    public synchronized List<MetricValue> metrics(long runId) {
        return metrics.getOrDefault(runId, List.of());
    }

    @Override
    public synchronized void recordEpoch(long runId, EpochPoint point) {
        if (!runs.containsKey(runId)) {
            throw new IllegalArgumentException("unknown run " + runId);
        }
        epochs.computeIfAbsent(runId, k -> new java.util.TreeMap<>()).put(point.epoch(), point);
    }

    @Override
    public synchronized void discardEpochsAfter(long runId, int epoch) {
        epochs.getOrDefault(runId, new java.util.TreeMap<>()).tailMap(epoch, false).clear();
    }

    @Override
    public synchronized List<EpochPoint> epochs(long runId) {
        return List.copyOf(epochs.getOrDefault(runId, new java.util.TreeMap<>()).values());
    }

    @Override
    public synchronized Created<Run> importRun(long experimentId, LedgerRun line, Provenance provenance,
                                               RunProgress progress) {
        if (!experiments.containsKey(experimentId)) {
            throw new IllegalArgumentException("unknown experiment " + experimentId);
        }
        Optional<Run> there = runs.values().stream().filter(r -> line.key().equals(r.importedFrom())).findFirst();
        if (there.isPresent()) {
            return new Created<>(there.get(), false);
        }
        Run r = new Run(runs.size() + 1, experimentId, line.seed(), RunStatus.SUCCEEDED, line.key(), provenance, progress,
                null, Instant.now(), line.startedAt(), line.finishedAt(), null, null, 1, line.key());
        runs.put(r.id(), r);
        metrics.put(r.id(), List.copyOf(line.metrics()));
        line.curve().forEach(p -> recordEpoch(r.id(), p));
        return new Created<>(r, true);
    }
}
