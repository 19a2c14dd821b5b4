package io.h2rec.domain.service;

import io.h2rec.domain.error.InvalidInputException;
import io.h2rec.domain.evaluation.EvaluatorTest;

import io.h2rec.domain.baseline.MostPopularScorer;
import io.h2rec.domain.baseline.PopularityTrainer;
import io.h2rec.domain.evaluation.Evaluator;
import io.h2rec.domain.port.out.Trainers;

import io.h2rec.domain.error.ConflictException;
import io.h2rec.domain.fakes.InMemoryExperimentStore;
import io.h2rec.domain.fakes.InMemoryItemCatalog;
import io.h2rec.domain.model.CancelOutcome;
import io.h2rec.domain.model.EpochPoint;
import io.h2rec.domain.model.EvalTarget;
import io.h2rec.domain.model.EvaluationProtocol;
import io.h2rec.domain.model.Experiment;
import io.h2rec.domain.model.ExperimentSpec;
import io.h2rec.domain.model.MetricValue;
import io.h2rec.domain.model.ModelVersion;
import io.h2rec.domain.model.ModelWeights;
import io.h2rec.domain.model.PreparedDataset;
import io.h2rec.domain.model.Protocol;
import io.h2rec.domain.model.Provenance;
import io.h2rec.domain.model.Run;
import io.h2rec.domain.model.RunProgress;
import io.h2rec.domain.model.RunStatus;
import io.h2rec.domain.model.RuntimeInfo;
import io.h2rec.domain.model.TrainingListener;
import io.h2rec.domain.port.in.PrepareDatasetCommand;
import io.h2rec.domain.port.in.RegisterExperimentCommand;
import io.h2rec.domain.port.in.TrainModelCommand;
import io.h2rec.domain.port.out.ModelArtifactStore;
import io.h2rec.domain.port.out.ModelVersionStore;
import io.h2rec.domain.port.out.TrainedModel;
import io.h2rec.domain.port.out.Trainer;
import io.h2rec.domain.port.out.TrainingRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The run lifecycle with in-memory ports: success with metrics and a model version, failure, cancel. */
class TrainModelServiceTest {
    InMemoryExperimentStore store;
    List<ModelVersion> versions;
    final List<String> savedArtifacts = new ArrayList<>();
    TrainModelService service;
    RegisterExperimentService register;
    PreparedDataset data;

    /** A trainer whose training always fails. */
    /** A trainer of one model name, no parameters, on the CPU. */
    abstract static class Fake implements Trainer {
        private final String model;

        Fake(String model) {
            this.model = model;
        }

        @Override
        public Set<String> models() {
            return Set.of(model);
        }

        @Override
        public Map<String, String> resolveConfig(String model, Map<String, String> params) {
            return Map.of();
        }

        @Override
        public String device() {
            return "CPU";
        }
    }

    static final class Broken extends Fake {
        Broken() {
            super("broken");
        }

        @Override
        public TrainedModel train(TrainingRequest request) {
            throw new IllegalStateException("out of patience");
        }
    }

    /** A model of semantic IDs (never trained here: its experiment lacks a codebook). */
    static final class NeedsCodes extends Fake {
        NeedsCodes() {
            super("needs_codes");
        }

        @Override
        public boolean usesSemanticIds(String model) {
            return true;
        }

        @Override
        public TrainedModel train(TrainingRequest request) {
            throw new UnsupportedOperationException();
        }
    }

    /** Popularity counted after three reported epochs (the second not evaluated), as a neural trainer reports them. */
    static final class Stepping extends Fake {
        Stepping() {
            super("stepping");
        }

        @Override
        public TrainedModel train(TrainingRequest request) {
            double[] valid = {0.01, Double.NaN, 0.03};
            for (int epoch = 1; epoch <= 3; epoch++) {
                request.listener().onProgress(new RunProgress(epoch, 3, 1.0 / epoch, valid[epoch - 1],
                        epoch == 1 ? 1 : 3, epoch == 1 ? 0.01 : 0.03, 0.5, "epoch " + epoch));
            }
            return new PopularityTrainer().train(request);
        }
    }

    @BeforeEach
    void setUp() {
        store = new InMemoryExperimentStore();
        versions = new ArrayList<>();
        InMemoryItemCatalog catalog = new InMemoryItemCatalog();
        PrepareDatasetService datasets = new PrepareDatasetService(location -> new io.h2rec.domain.model.RawDataset(
                "toy", "test", location, EvaluatorTest.split().users().stream().flatMap(u -> {
                    List<io.h2rec.domain.model.Interaction> events = new ArrayList<>();
                    int[] items = u.items();
                    for (int t = 0; t < items.length; t++) {
                        events.add(new io.h2rec.domain.model.Interaction(u.userId(),
                                io.h2rec.domain.model.ItemId.of(String.valueOf(items[t])), t));
                    }
                    return events.stream();
                }).toList(), List.of()), catalog);
        data = datasets.prepare(new PrepareDatasetCommand("memory", new io.h2rec.domain.model.PreparationParams(1, 3)));
        Trainers trainers = new Trainers(List.of(new PopularityTrainer(), new Broken(), new Stepping(), new NeedsCodes()));
        ModelArtifactStore artifacts = new ModelArtifactStore() {
            @Override
            public Saved save(String name, ModelWeights weights, Provenance provenance) {
                savedArtifacts.add(name);
                return new Saved("mem://" + name, "c".repeat(64));
            }

            @Override
            public ModelWeights load(String uri) {
                throw new UnsupportedOperationException();
            }
        };
        ModelVersionStore versionStore = new ModelVersionStore() {
            @Override
            public ModelVersion register(long runId, String modelType, String uri, String checksum, Provenance p) {
                ModelVersion v = new ModelVersion(versions.size() + 1, runId, modelType, uri, checksum, p, false, null);
                versions.add(v);
                return v;
            }

            @Override
            public Optional<ModelVersion> find(long id) {
                return versions.stream().filter(v -> v.id() == id).findFirst();
            }

            @Override
            public Optional<ModelVersion> findByRun(long runId) {
                return versions.stream().filter(v -> v.runId() == runId).findFirst();
            }

            @Override
            public List<ModelVersion> list() {
                return versions;
            }

            @Override
            public Optional<ModelVersion> active() {
                return Optional.empty();
            }

            @Override
            public ModelVersion activate(long id) {
                throw new UnsupportedOperationException();
            }
        };
        TrainModelService.Outputs outputs = new TrainModelService.Outputs(
                w -> new MostPopularScorer(w.array(PopularityTrainer.WEIGHTS).values()), artifacts, versionStore,
                null);
        service = new TrainModelService(store, datasets, trainers, new EvaluationProtocol(new int[] {1, 10}, 1, 7L, 0.2,
                new int[] {1, 3}), new RuntimeInfo("abc123", "test-host"), outputs);
        register = new RegisterExperimentService(store, catalog, trainers, new io.h2rec.domain.fakes.InMemoryCodebookStore());
    }

    @Test
    void aSuccessfulRunStoresMetricsProvenanceAndAModelVersion() {
        Experiment e = register.register(new RegisterExperimentCommand(new ExperimentSpec("pop",
                data.registration().id(), null, "popular", Map.of(), List.of(42L))));
        Run queued = service.queue(new TrainModelCommand(e.id(), 42));
        assertEquals(RunStatus.QUEUED, queued.status());
        Run done = service.execute(queued.id(), TrainingListener.NONE);
        assertEquals(RunStatus.SUCCEEDED, done.status(), done.error());
        assertEquals("abc123", done.provenance().codeVersion());
        assertEquals(data.registration().fingerprint(), done.provenance().datasetFingerprint());
        // Every split and protocol has its overall HR/NDCG at both K, and the stored test figure is the one an
        // evaluation of the same scorer computes directly (popularity of the training split).
        List<MetricValue> metrics = store.metrics(done.id());
        for (EvalTarget split : EvalTarget.values()) {
            for (Protocol p : Protocol.values()) {
                for (String metric : List.of(MetricValue.HR, MetricValue.NDCG)) {
                    for (int k : new int[] {1, 10}) {
                        assertEquals(1, metrics.stream().filter(m -> m.split() == split && m.protocol() == p
                                && m.group().equals("overall") && m.metric().equals(metric) && m.k() == k).count(),
                                split + " " + p + " " + metric + "@" + k);
                    }
                }
            }
        }
        double stored = metrics.stream().filter(m -> m.split() == EvalTarget.TEST && m.protocol() == Protocol.FULL
                && m.group().equals("overall") && m.metric().equals(MetricValue.HR) && m.k() == 10)
                .findFirst().orElseThrow().value();
        double direct = new Evaluator(data.split(), new EvaluationProtocol(new int[] {1, 10}, 1, 7L, 0.2,
                new int[] {1, 3})).evaluate(new MostPopularScorer(data.split().trainingPopularity()), EvalTarget.TEST,
                EnumSet.of(Protocol.FULL)).get(EvalTarget.TEST, Protocol.FULL, "overall", MetricValue.HR, 10);
        assertEquals(direct, stored, 1e-12);
        assertEquals(1, versions.size());
        assertEquals(done.id(), versions.get(0).runId());
        // The same experiment and seed hash the same; another seed does not.
        assertEquals(queued.configHash(), service.queue(new TrainModelCommand(e.id(), 42)).configHash());
        assertNotEquals(queued.configHash(), service.queue(new TrainModelCommand(e.id(), 43)).configHash());
        assertThrows(ConflictException.class, () -> service.execute(done.id(), TrainingListener.NONE));
    }

    @Test
    void everyEpochOfARunIsKeptForItsLearningCurve() {
        Experiment e = register.register(new RegisterExperimentCommand(new ExperimentSpec("curve",
                data.registration().id(), null, "stepping", Map.of(), List.of(42L))));
        Run done = service.execute(service.queue(new TrainModelCommand(e.id(), 42)).id(), TrainingListener.NONE);
        assertEquals(RunStatus.SUCCEEDED, done.status(), done.error());
        // Epoch by epoch, not only what the lease renewals happened to carry; the progress lines of preparation
        // and evaluation are not epochs.
        assertEquals(List.of(new EpochPoint(1, 1.0, 0.01), new EpochPoint(2, 0.5, Double.NaN),
                new EpochPoint(3, 1.0 / 3, 0.03)), store.epochs(done.id()));
    }

    @Test
    void aRunStartedOverKeepsNoEpochOfItsEarlierAttempt() {
        Experiment e = register.register(new RegisterExperimentCommand(new ExperimentSpec("curve-again",
                data.registration().id(), null, "stepping", Map.of(), List.of(42L))));
        Run run = service.queue(new TrainModelCommand(e.id(), 42));
        // An earlier attempt reached epoch 5 and left no checkpoint: this one starts over and stops at 3.
        for (int epoch = 1; epoch <= 5; epoch++) {
            store.recordEpoch(run.id(), new EpochPoint(epoch, 9.0, 0.5));
        }
        Run done = service.execute(run.id(), TrainingListener.NONE);
        assertEquals(RunStatus.SUCCEEDED, done.status(), done.error());
        assertEquals(List.of(new EpochPoint(1, 1.0, 0.01), new EpochPoint(2, 0.5, Double.NaN),
                new EpochPoint(3, 1.0 / 3, 0.03)), store.epochs(done.id()));
    }

    @Test
    void aFailingRunIsMarkedFailedWithItsError() {
        Experiment e = register.register(new RegisterExperimentCommand(new ExperimentSpec("broken",
                data.registration().id(), null, "broken", Map.of(), List.of(1L))));
        Run run = service.execute(service.queue(new TrainModelCommand(e.id(), 1)).id(), TrainingListener.NONE);
        assertEquals(RunStatus.FAILED, run.status());
        assertTrue(run.error().contains("out of patience"), run.error());
        assertTrue(versions.isEmpty());
    }

    /** An experiment stored without registration's checks (ledger-import's, when the codebook is not here). */
    @Test
    void aRunOfASemanticIdModelWithoutACodebookIsRefusedWhenSubmittedNotFailedLater() {
        Experiment e = store.saveExperiment(new ExperimentSpec("imported", data.registration().id(), null, "needs_codes",
                Map.of(), List.of(1L)));
        InvalidInputException refused = assertThrows(InvalidInputException.class,
                () -> service.submit(new TrainModelCommand(e.id(), 1)));
        assertTrue(refused.getMessage().contains("needs a codebook version"), refused.getMessage());
        assertEquals(List.of(), store.listRuns(e.id()));
    }

    @Test
    void cancellingAQueuedRunAndRegistrationChecks() {
        Experiment e = register.register(new RegisterExperimentCommand(new ExperimentSpec("pop2",
                data.registration().id(), null, "popular", Map.of(), List.of(1L))));
        Run run = service.queue(new TrainModelCommand(e.id(), 1));
        assertEquals(CancelOutcome.CANCELLED, service.cancel(run.id()));
        assertEquals(RunStatus.CANCELLED, store.findRun(run.id()).orElseThrow().status());
        assertEquals(CancelOutcome.FINISHED, service.cancel(run.id()));
        assertThrows(InvalidInputException.class, () -> register.register(new RegisterExperimentCommand(
                new ExperimentSpec("x", data.registration().id(), null, "nope", Map.of(), List.of()))));
        assertThrows(InvalidInputException.class, () -> register.register(new RegisterExperimentCommand(
                new ExperimentSpec("y", 999, null, "popular", Map.of(), List.of()))));
        // The same name with another spec is a conflict naming the experiment; the same spec is the same experiment.
        ConflictException conflict = assertThrows(ConflictException.class, () -> register.register(
                new RegisterExperimentCommand(new ExperimentSpec("pop2", data.registration().id(), null, "popular",
                        Map.of(), List.of(5L)))));
        assertEquals("/api/v1/experiments/" + e.id(), conflict.resource());
        assertFalse(register.registerIfAbsent(new RegisterExperimentCommand(e.spec())).created());
    }

    @Test
    void anAbandonedRunIsInterruptedByAnyProcessThenResumedOrCancelled() {
        Experiment e = register.register(new RegisterExperimentCommand(new ExperimentSpec("lease",
                data.registration().id(), null, "popular", Map.of(), List.of(1L))));
        Run orphan = service.queue(new TrainModelCommand(e.id(), 1));
        store.claim(orphan.id(), "ghost-host:1:dead00");
        assertTrue(service.interruptAbandoned().isEmpty(), "a fresh lease is held");
        // A cancel of a run held by a live lease is a request to its owner.
        assertEquals(CancelOutcome.REQUESTED, service.cancel(orphan.id()));
        store.ageLease(orphan.id(), 31);
        Run cancelled = service.interruptAbandoned().get(0);
        assertEquals(RunStatus.CANCELLED, cancelled.status(), "its owner died before it could stop: cancelled");

        Run second = service.queue(new TrainModelCommand(e.id(), 1));
        store.claim(second.id(), "ghost-host:1:dead00");
        store.ageLease(second.id(), 31);
        Run interrupted = service.interruptAbandoned().get(0);
        assertEquals(RunStatus.INTERRUPTED, interrupted.status());
        assertTrue(interrupted.error().contains("ghost-host:1:dead00"), interrupted.error());
        // Starting the same config and seed again while it was RUNNING returned it; resumed, it runs here.
        Run resumed = service.resume(second.id());
        assertEquals(RunStatus.QUEUED, resumed.status());
        assertEquals(2, resumed.attempt());
        assertEquals(resumed.id(), service.submit(new TrainModelCommand(e.id(), 1, true)).value().id());
        assertEquals(RunStatus.SUCCEEDED, service.execute(second.id(), TrainingListener.NONE).status());
        assertThrows(ConflictException.class, () -> service.resume(second.id()));
        // An INTERRUPTED run can be cancelled at once.
        Run third = service.queue(new TrainModelCommand(e.id(), 1));
        store.claim(third.id(), "ghost-host:1:dead00");
        store.ageLease(third.id(), 31);
        service.interruptAbandoned();
        assertEquals(CancelOutcome.CANCELLED, service.cancel(third.id()));
    }

    @Test
    void aShutdownInterruptsTheRunsOfThisProcess() {
        Experiment e = register.register(new RegisterExperimentCommand(new ExperimentSpec("shutdown",
                data.registration().id(), null, "broken", Map.of(), List.of(1L))));
        Run run = service.queue(new TrainModelCommand(e.id(), 1));
        // The trainer fails; a shutdown signalled before the failure surfaces makes it INTERRUPTED, not FAILED.
        TrainingListener shutdownFirst = new TrainingListener() {
            @Override
            public void onProgress(io.h2rec.domain.model.RunProgress p) {
                service.interruptAll("the process executing it shut down", 0);
            }
        };
        Run done = service.execute(run.id(), shutdownFirst);
        assertEquals(RunStatus.INTERRUPTED, done.status(), done.error());
        assertTrue(done.error().contains("shut down"), done.error());
        assertTrue(done.error().contains("no checkpoint yet"), done.error());
    }

    @Test
    void aRunTakenOverWhileItEvaluatesSavesNoArtifactAndRegistersNoVersion() {
        Experiment e = register.register(new RegisterExperimentCommand(new ExperimentSpec("takeover",
                data.registration().id(), null, "popular", Map.of(), List.of(1L))));
        Run run = service.queue(new TrainModelCommand(e.id(), 1));
        // While it evaluates, its lease expires, another process marks it INTERRUPTED and it is resumed (attempt 2).
        TrainingListener takenOver = new TrainingListener() {
            @Override
            public void onProgress(RunProgress p) {
                if (p.message() != null && p.message().startsWith("evaluating")) {
                    store.ageLease(run.id(), 31);
                    assertEquals(1, service.interruptAbandoned().size());
                    service.resume(run.id());
                }
            }
        };
        Run after = service.execute(run.id(), takenOver);
        assertEquals(RunStatus.QUEUED, after.status(), after.error());
        assertEquals(2, after.attempt());
        assertEquals(List.of(), savedArtifacts, "the next attempt's artifact is not overwritten");
        assertEquals(List.of(), versions, "no version for a run this process no longer holds");
        // The next attempt runs as usual.
        assertEquals(RunStatus.SUCCEEDED, service.execute(run.id(), TrainingListener.NONE).status());
        assertEquals(1, versions.size());
    }
}
