package io.h2rec.domain.service;

import io.h2rec.domain.dataset.TrainingSideInputs;
import io.h2rec.domain.error.ConflictException;
import io.h2rec.domain.error.InvalidInputException;
import io.h2rec.domain.error.NotFoundException;
import io.h2rec.domain.model.ModelCatalog;

import io.h2rec.domain.dataset.SemanticSideInfoLoader;
import io.h2rec.domain.evaluation.Evaluator;
import io.h2rec.domain.model.ConfigHash;
import io.h2rec.domain.port.out.Trainers;
import io.h2rec.domain.reliability.Durably;
import io.h2rec.domain.reliability.LeaseKeeper;

import io.h2rec.domain.model.DatasetSplit;
import io.h2rec.domain.model.EvalTarget;
import io.h2rec.domain.model.EvaluationProtocol;
import io.h2rec.domain.model.EpochPoint;
import io.h2rec.domain.model.EvaluationResult;
import io.h2rec.domain.model.ExperimentSpec;
import io.h2rec.domain.model.JobListener;
import io.h2rec.domain.model.MetricValue;
import io.h2rec.domain.model.ModelWeights;
import io.h2rec.domain.model.PreparedDataset;
import io.h2rec.domain.model.Protocol;
import io.h2rec.domain.model.Provenance;
import io.h2rec.domain.model.RegisteredDataset;
import io.h2rec.domain.model.Run;
import io.h2rec.domain.model.RunProgress;
import io.h2rec.domain.model.RunStatus;
import io.h2rec.domain.model.RuntimeInfo;
import io.h2rec.domain.model.SemanticSideInfo;
import io.h2rec.domain.model.TrainingListener;
import io.h2rec.domain.port.in.PrepareDatasetUseCase;
import io.h2rec.domain.port.in.TrainModelCommand;
import io.h2rec.domain.port.in.TrainModelUseCase;
import io.h2rec.domain.port.out.ExperimentStore;
import io.h2rec.domain.port.out.InferenceEngine;
import io.h2rec.domain.port.out.ModelArtifactStore;
import io.h2rec.domain.port.out.ModelVersionStore;
import io.h2rec.domain.port.out.Scorer;
import io.h2rec.domain.port.out.TrainedModel;
import io.h2rec.domain.port.out.Trainer;
import io.h2rec.domain.port.out.TrainingRequest;

import io.h2rec.domain.model.CancelOutcome;
import io.h2rec.domain.model.Created;
import io.h2rec.domain.model.LeasePolicy;
import io.h2rec.domain.model.RunCheckpoints;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToDoubleFunction;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One pipeline for every model: load the registered split, train through the model's
 * {@link Trainer} (early stopping on validation NDCG@10, full ranking), evaluate validation and
 * test under both protocols, store metrics and provenance. The executing process holds the run's
 * lease ({@link LeaseKeeper}): progress goes to the store with each renewal, a cancel request is
 * read there, and a lost lease (database outage, another process took over) or a shutdown stops
 * training at its next step with its per-epoch checkpoint kept, the run ending INTERRUPTED; a
 * resumed run continues from that checkpoint. A failure marks the run FAILED with its message and
 * an error id (the stack trace is logged under that id); nothing is silently lost.
 */
public final class TrainModelService implements TrainModelUseCase {
    /** The model-selection metric: validation NDCG@10 under full ranking. */
    public static final int SELECTION_K = 10;
    private static final Logger LOG = Logger.getLogger(TrainModelService.class.getName());

    private final ExperimentStore store;
    private final PrepareDatasetUseCase datasets;
    private final Trainers trainers;
    private final EvaluationProtocol protocol;
    private final RuntimeInfo runtime;
    private final Outputs outputs;
    private final LeaseKeeper leases;

    /**
     * Where a run's model goes: the engine that scores exported weights (the serving path, so the
     * reported metrics are those of what is served), the artifact files (and per-epoch checkpoints)
     * and the version registry, and the loader of semantic IDs for SID models.
     */
    public record Outputs(InferenceEngine inference, ModelArtifactStore artifacts, ModelVersionStore versions,
                          SemanticSideInfoLoader sideInfo) {
    }

    /** With leases of 30 s renewed every 5 s, owned by this process ({@link LeasePolicy#ownerId}). */
    public TrainModelService(ExperimentStore store, PrepareDatasetUseCase datasets, Trainers trainers,
                             EvaluationProtocol protocol, RuntimeInfo runtime, Outputs outputs) {
        this(store, datasets, trainers, protocol, runtime, outputs,
                new LeasePolicy(LeasePolicy.ownerId(runtime.host()), 5, 30));
    }

    public TrainModelService(ExperimentStore store, PrepareDatasetUseCase datasets, Trainers trainers,
                             EvaluationProtocol protocol, RuntimeInfo runtime, Outputs outputs, LeasePolicy lease) {
        boolean hasSelectionK = false;
        for (int k : protocol.ks()) {
            hasSelectionK |= k == SELECTION_K;
        }
        if (!hasSelectionK) {
            throw new IllegalArgumentException("the evaluation protocol must include K=" + SELECTION_K);
        }
        this.store = store;
        this.datasets = datasets;
        this.trainers = trainers;
        this.protocol = protocol;
        this.runtime = runtime;
        this.outputs = outputs;
        this.leases = new LeaseKeeper(lease, "training");
    }

    public LeasePolicy leasePolicy() {
        return leases.policy();
    }

    @Override
    public Created<Run> submit(TrainModelCommand command) {
        ExperimentSpec spec = spec(command);
        String hash = configHash(spec, command);
        if (spec.codebookId() == null && trainers.forModel(spec.model()).usesSemanticIds(spec.model())) {
            // e.g. an experiment of runs imported from the run ledger without their codebook: refused now, not FAILED later
            throw new InvalidInputException("codebookId", "experiment " + command.experimentId() + " (" + spec.name()
                    + "): model " + spec.model() + " needs a codebook version and the experiment names none; register "
                    + "an experiment with one");
        }
        return store.createRun(command.experimentId(), command.seed(), hash, command.reuseActive());
    }

    @Override
    public Optional<Run> completed(TrainModelCommand command) {
        return store.findSucceededRun(configHash(spec(command), command));
    }

    private ExperimentSpec spec(TrainModelCommand command) {
        return store.findExperiment(command.experimentId())
                .orElseThrow(() -> new NotFoundException("experiment", command.experimentId())).spec();
    }

    private String configHash(ExperimentSpec spec, TrainModelCommand command) {
        Map<String, String> config = trainers.forModel(spec.model()).resolveConfig(spec.model(), spec.params());
        RegisteredDataset dataset = datasets.find(spec.datasetId())
                .orElseThrow(() -> new NotFoundException("dataset", spec.datasetId()));
        return ConfigHash.of(dataset.fingerprint(), spec.codebookId(), spec.model(), config, command.seed(), protocol,
                dataset.params().split());
    }

    @Override
    public Run execute(long runId, TrainingListener listener) {
        Run run = store.findRun(runId).orElseThrow(() -> new NotFoundException("run", runId));
        if (run.status() != RunStatus.QUEUED) {
            throw new ConflictException("/api/v1/runs/" + runId, "run " + runId + " is " + run.status() + "; only QUEUED runs execute");
        }
        String owner = leases.policy().owner();
        store.claim(runId, owner);
        AtomicReference<RunProgress> latest = new AtomicReference<>();
        LeaseKeeper.Held lease = leases.hold(runId, () -> store.heartbeat(runId, owner, latest.getAndSet(null)));
        String name = "run-" + runId;
        RunCheckpoints checkpoints = checkpoints(name, run);
        try {
            AtomicBoolean firstEpoch = new AtomicBoolean(true);
            TrainingListener tracked = new TrainingListener() {
                @Override
                public void onProgress(RunProgress progress) {
                    latest.set(progress);   // written with the next lease renewal
                    EpochPoint point = EpochPoint.of(progress);
                    if (point != null) {
                        if (firstEpoch.getAndSet(false)) {
                            // This attempt's first epoch follows its checkpoint's (or is epoch 1): an earlier
                            // attempt's later points are not this run's curve any more.
                            store.discardEpochsAfter(runId, point.epoch() - 1);
                        }
                        store.recordEpoch(runId, point);   // the learning curve keeps every epoch, not only the renewals'
                    }
                    listener.onProgress(progress);
                }

                @Override
                public boolean cancelled() {
                    if (listener.cancelled()) {
                        lease.requestCancel();
                    }
                    return lease.stopRequested();
                }
            };
            train(run, tracked, checkpoints, lease, name);
        } catch (Throwable e) {
            String reason = lease.interruption();
            if (reason == null && Durably.databaseUnreachable(e)) {
                lease.interrupt("interrupted: the database became unreachable (" + e.getClass().getSimpleName() + ")");
                reason = lease.interruption();
            }
            String errorId = Durably.errorId();
            LOG.log(Level.SEVERE, "run " + runId + " (error " + errorId + ")", e);
            if (reason != null) {
                end(runId, lease, RunStatus.INTERRUPTED, reason + resumeHint(checkpoints), null, null);
            } else {
                end(runId, lease, RunStatus.FAILED, describe(e, errorId), null, null);
            }
            if (e instanceof Error err && !(e instanceof OutOfMemoryError)) {
                throw err;
            }
        } finally {
            leases.release(lease);
        }
        return store.findRun(runId).orElseThrow();
    }

    /** A fresh run starts from nothing; a resumed one from its checkpoint, if it is of this config. */
    private RunCheckpoints checkpoints(String name, Run run) {
        RunCheckpoints stored = outputs.artifacts().checkpoints(name);
        if (run.attempt() <= 1) {
            outputs.artifacts().deleteCheckpoint(name);
        }
        return new RunCheckpoints() {
            @Override
            public Optional<io.h2rec.domain.model.TrainingCheckpoint> latest() {
                return stored.latest().filter(c -> c.configHash().equals(run.configHash()));
            }

            @Override
            public void save(io.h2rec.domain.model.TrainingCheckpoint checkpoint) {
                stored.save(checkpoint.withConfigHash(run.configHash()));
            }
        };
    }

    private static String resumeHint(RunCheckpoints checkpoints) {
        return checkpoints.latest().map(c -> "; checkpoint at epoch " + c.epoch() + ": POST /api/v1/runs/{id}/resume "
                + "continues from it").orElse("; no checkpoint yet: a resume starts from the first epoch");
    }

    private void train(Run run, TrainingListener tracked, RunCheckpoints checkpoints, LeaseKeeper.Held lease,
                       String name) {
        long runId = run.id();
        ExperimentSpec spec = store.findExperiment(run.experimentId()).orElseThrow().spec();
        tracked.onProgress(RunProgress.starting("preparing dataset " + spec.datasetId()));
        PreparedDataset data = datasets.load(spec.datasetId());
        DatasetSplit split = data.split();
        Trainer trainer = trainers.forModel(spec.model());
        Map<String, String> config = trainer.resolveConfig(spec.model(), spec.params());
        Provenance provenance = new Provenance(split.name(), split.fingerprint(), split.params(), protocol,
                spec.codebookId(), spec.model(), config, run.seed(), runtime.codeVersion(), trainer.device(),
                runtime.host());
        store.recordProvenance(runId, provenance);

        SemanticSideInfo side = null;
        if (trainer.usesSemanticIds(spec.model())) {
            if (spec.codebookId() == null) {
                throw new IllegalArgumentException("model " + spec.model() + " needs a codebook version");
            }
            tracked.onProgress(RunProgress.starting("loading codebook " + spec.codebookId()));
            side = outputs.sideInfo().load(spec.codebookId(), split, true, JobListener.NONE);
        }
        Evaluator evaluator = new Evaluator(split, protocol);
        double[] trainerScoringSeconds = {Double.NaN};
        ToDoubleFunction<Scorer> validation = scorer -> {
            long t0 = System.nanoTime();
            double ndcg = evaluator.evaluate(scorer, EvalTarget.VALIDATION, EnumSet.of(Protocol.FULL))
                    .get(EvalTarget.VALIDATION, Protocol.FULL, EvaluationResult.OVERALL, MetricValue.NDCG, SELECTION_K);
            trainerScoringSeconds[0] = (System.nanoTime() - t0) / 1e9;
            return ndcg;
        };
        TrainingSideInputs inputs = ModelCatalog.known(spec.model())
                ? TrainingSideInputs.of(ModelCatalog.parse(spec.model(), config), split, side) : TrainingSideInputs.NONE;
        try (TrainedModel model = trainer.train(new TrainingRequest(spec.model(), config, run.seed(), split,
                validation, tracked, side, checkpoints, inputs))) {
            if (lease.cancelRequested()) {
                end(runId, lease, RunStatus.CANCELLED, "cancelled during training", null, null);
                outputs.artifacts().deleteCheckpoint(name);
                return;
            }
            if (lease.interruption() != null) {
                end(runId, lease, RunStatus.INTERRUPTED, lease.interruption() + resumeHint(checkpoints), null,
                        model.finalProgress());
                return;
            }
            ModelWeights weights = model.weights();
            // Evaluate what will be served: the exported weights in the inference engine.
            Scorer served = outputs.inference().load(weights);
            tracked.onProgress(RunProgress.starting("evaluating validation and test"));
            long t0 = System.nanoTime();
            EvaluationResult validated = evaluator.evaluate(served, EvalTarget.VALIDATION, EnumSet.allOf(Protocol.class));
            // The same histories through both scoring paths: the trainer's graph (last epoch's
            // validation) and the engine that serves (docs/serving.md compares them).
            tracked.onProgress(RunProgress.starting(String.format(java.util.Locale.ROOT,
                    "scored %d validation histories: trainer's graph %.2f s, inference engine %.2f s",
                    split.cases(EvalTarget.VALIDATION), trainerScoringSeconds[0], (System.nanoTime() - t0) / 1e9)));
            EvaluationResult result = validated.merge(evaluator.evaluate(served, EvalTarget.TEST,
                    EnumSet.allOf(Protocol.class)));
            Provenance resolved = new Provenance(provenance.datasetName(), provenance.datasetFingerprint(),
                    provenance.preparation(), protocol, spec.codebookId(), spec.model(), model.resolvedConfig(),
                    run.seed(), runtime.codeVersion(), model.device(), runtime.host());
            // Fenced: a run taken over while it evaluated (its lease expired, marked INTERRUPTED, resumed
            // elsewhere) must not overwrite the next attempt's artifact or register a version.
            if (!lease.confirm()) {
                LOG.warning("run " + runId + ": " + lease.interruption() + "; its model is not saved");
                return;
            }
            ModelArtifactStore.Saved saved = outputs.artifacts().save(name, weights, resolved);
            if (lease.lost()) {
                return;   // another process holds the run now: nothing of this attempt is recorded
            }
            outputs.versions().register(runId, spec.model(), saved.uri(), saved.checksum(), resolved);
            if (end(runId, lease, RunStatus.SUCCEEDED, null, result, model.finalProgress())) {
                outputs.artifacts().deleteCheckpoint(name);
            }
        }
    }

    /**
     * Writes the run's end, retrying through a database outage for up to two leases; when the
     * outage lasts longer, the run stays RUNNING under an expired lease and the next sweep of any
     * process marks it INTERRUPTED. A run no longer held by this process is left as it is.
     */
    private boolean end(long runId, LeaseKeeper.Held lease, RunStatus to, String message, EvaluationResult result,
                        RunProgress progress) {
        if (lease.lost()) {
            LOG.warning("run " + runId + ": " + lease.interruption() + "; its end (" + to + ") is not recorded");
            return false;
        }
        String owner = leases.policy().owner();
        try {
            return Durably.write("run " + runId + " -> " + to, 2000 * leases.policy().leaseSeconds(),
                    () -> store.finish(runId, owner, to, message, result, progress));
        } catch (ConflictException e) {
            LOG.warning("run " + runId + " could not become " + to + ": " + e.getMessage());
            return false;
        }
    }

    @Override
    public CancelOutcome cancel(long runId) {
        store.findRun(runId).orElseThrow(() -> new NotFoundException("run", runId));
        CancelOutcome outcome = store.cancel(runId, leases.policy().leaseSeconds(), "cancelled by request");
        LeaseKeeper.Held local = leases.find(runId);
        if (outcome == CancelOutcome.REQUESTED && local != null) {
            local.requestCancel();
        }
        if (outcome == CancelOutcome.CANCELLED) {
            outputs.artifacts().deleteCheckpoint("run-" + runId);
        }
        return outcome;
    }

    @Override
    public Run resume(long runId) {
        store.findRun(runId).orElseThrow(() -> new NotFoundException("run", runId));
        return store.requeue(runId);
    }

    @Override
    public List<Run> interruptAbandoned() {
        List<Run> interrupted = store.interruptExpired(leases.policy().leaseSeconds(), leases.policy().owner());
        for (Run r : interrupted) {
            LOG.warning("run " + r.id() + " marked INTERRUPTED: " + r.error());
        }
        return interrupted;
    }

    @Override
    public List<Long> interruptAll(String reason, long waitMillis) {
        leases.interruptAll("interrupted: " + reason);
        return leases.awaitReleased(waitMillis);
    }

    /** The error of a failed run: its message and an error id; the stack trace is in the log. */
    static String describe(Throwable e, String errorId) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message + " (" + e.getClass().getSimpleName() + "; error " + errorId
                + ": the stack trace is in the log of the process that ran it)";
    }
}
