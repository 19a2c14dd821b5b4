package io.h2rec.domain.service;

import io.h2rec.domain.model.DatasetSplit;
import io.h2rec.domain.model.EvalTarget;
import io.h2rec.domain.model.EvaluationProtocol;
import io.h2rec.domain.model.EvaluationResult;
import io.h2rec.domain.model.Experiment;
import io.h2rec.domain.model.JobListener;
import io.h2rec.domain.model.ModelWeights;
import io.h2rec.domain.model.SemanticSideInfo;
import io.h2rec.domain.model.ExperimentSpec;
import io.h2rec.domain.model.MetricValue;
import io.h2rec.domain.model.PreparedDataset;
import io.h2rec.domain.model.Protocol;
import io.h2rec.domain.model.Provenance;
import io.h2rec.domain.model.Run;
import io.h2rec.domain.model.RunProgress;
import io.h2rec.domain.model.RunStatus;
import io.h2rec.domain.model.RuntimeInfo;
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
import io.h2rec.domain.model.TrainingListener;
import io.h2rec.domain.port.out.TrainingRequest;

import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.ToDoubleFunction;

/**
 * One pipeline for every model: load the registered split, train through the model's
 * {@link Trainer} (early stopping on validation NDCG@10, full ranking), evaluate validation and
 * test under both protocols, store metrics and provenance. A failure marks the run FAILED with
 * its error; nothing is silently lost.
 */
public final class TrainModelService implements TrainModelUseCase {
    /** The model-selection metric: validation NDCG@10 under full ranking. */
    public static final int SELECTION_K = 10;

    private final ExperimentStore store;
    private final PrepareDatasetUseCase datasets;
    private final Trainers trainers;
    private final EvaluationProtocol protocol;
    private final RuntimeInfo runtime;
    private final Outputs outputs;
    private final Map<Long, AtomicBoolean> cancellations = new ConcurrentHashMap<>();

    /**
     * Where a run's model goes: the engine that scores exported weights (the serving path, so the
     * reported metrics are those of what is served), the artifact files and the version registry,
     * and the loader of semantic IDs for SID models.
     */
    public record Outputs(InferenceEngine inference, ModelArtifactStore artifacts, ModelVersionStore versions,
                          SemanticSideInfoLoader sideInfo) {
    }

    public TrainModelService(ExperimentStore store, PrepareDatasetUseCase datasets, Trainers trainers,
                             EvaluationProtocol protocol, RuntimeInfo runtime, Outputs outputs) {
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
    }

    @Override
    public Run queue(TrainModelCommand command) {
        return store.createRun(command.experimentId(), command.seed(), configHash(command));
    }

    @Override
    public java.util.Optional<Run> completed(TrainModelCommand command) {
        return store.findSucceededRun(configHash(command));
    }

    private String configHash(TrainModelCommand command) {
        Experiment experiment = store.findExperiment(command.experimentId())
                .orElseThrow(() -> new IllegalArgumentException("unknown experiment " + command.experimentId()));
        ExperimentSpec spec = experiment.spec();
        Map<String, String> config = trainers.forModel(spec.model()).resolveConfig(spec.model(), spec.params());
        String fingerprint = datasets.find(spec.datasetId())
                .orElseThrow(() -> new IllegalArgumentException("unknown dataset " + spec.datasetId())).fingerprint();
        return ConfigHash.of(fingerprint, spec.codebookId(), spec.model(), config, command.seed(), protocol);
    }

    @Override
    public Run execute(long runId, TrainingListener listener) {
        Run run = store.findRun(runId).orElseThrow(() -> new IllegalArgumentException("unknown run " + runId));
        if (run.status() != RunStatus.QUEUED) {
            throw new IllegalStateException("run " + runId + " is " + run.status() + "; only QUEUED runs execute");
        }
        AtomicBoolean cancelled = cancellations.computeIfAbsent(runId, id -> new AtomicBoolean());
        try {
            store.claim(runId, runtime.owner());
        } catch (RuntimeException e) {
            cancellations.remove(runId);
            throw e;
        }
        try {
            ExperimentSpec spec = store.findExperiment(run.experimentId()).orElseThrow().spec();
            listener.onProgress(RunProgress.starting("preparing dataset " + spec.datasetId()));
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
                listener.onProgress(RunProgress.starting("loading codebook " + spec.codebookId()));
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
            TrainingListener tracked = new TrainingListener() {
                @Override
                public void onProgress(RunProgress progress) {
                    store.updateProgress(runId, progress);
                    listener.onProgress(progress);
                }

                @Override
                public boolean cancelled() {
                    return cancelled.get() || listener.cancelled();
                }
            };
            try (TrainedModel model = trainer.train(new TrainingRequest(spec.model(), config, run.seed(), split,
                    validation, tracked, side))) {
                if (tracked.cancelled()) {
                    store.markCancelled(runId, "cancelled during training");
                } else {
                    ModelWeights weights = model.weights();
                    // Evaluate what will be served: the exported weights in the inference engine.
                    Scorer served = outputs.inference().load(weights);
                    listener.onProgress(RunProgress.starting("evaluating validation and test"));
                    long t0 = System.nanoTime();
                    EvaluationResult validated = evaluator.evaluate(served, EvalTarget.VALIDATION,
                            EnumSet.allOf(Protocol.class));
                    // The same histories through both scoring paths: the trainer's graph (last epoch's
                    // validation) and the engine that serves (docs/serving.md compares them).
                    listener.onProgress(RunProgress.starting(String.format(java.util.Locale.ROOT,
                            "scored %d validation histories: trainer's graph %.2f s, inference engine %.2f s",
                            split.numUsers(), trainerScoringSeconds[0], (System.nanoTime() - t0) / 1e9)));
                    EvaluationResult result = validated
                            .merge(evaluator.evaluate(served, EvalTarget.TEST, EnumSet.allOf(Protocol.class)));
                    Provenance resolved = new Provenance(provenance.datasetName(), provenance.datasetFingerprint(),
                            provenance.preparation(), protocol, spec.codebookId(), spec.model(),
                            model.resolvedConfig(), run.seed(), runtime.codeVersion(), model.device(), runtime.host());
                    ModelArtifactStore.Saved saved = outputs.artifacts().save("run-" + runId, weights, resolved);
                    outputs.versions().register(runId, spec.model(), saved.uri(), saved.checksum(), resolved);
                    store.markSucceeded(runId, result, model.finalProgress());
                }
            }
        } catch (Throwable e) {
            store.markFailed(runId, describe(e));
            if (e instanceof Error err && !(e instanceof OutOfMemoryError)) {
                throw err;
            }
        } finally {
            cancellations.remove(runId);
        }
        return store.findRun(runId).orElseThrow();
    }

    @Override
    public boolean cancel(long runId) {
        Run run = store.findRun(runId).orElseThrow(() -> new IllegalArgumentException("unknown run " + runId));
        if (run.status().isTerminal()) {
            return false;
        }
        AtomicBoolean flag = cancellations.get(runId);
        if (flag != null) {
            flag.set(true);
        } else if (run.status() == RunStatus.QUEUED) {
            store.markCancelled(runId, "cancelled before it started");
        } else {
            // RUNNING in another process: this one cannot stop it.
            return false;
        }
        return true;
    }

    static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder(e.getClass().getName()).append(": ").append(e.getMessage());
        StackTraceElement[] trace = e.getStackTrace();
        for (int i = 0; i < Math.min(8, trace.length); i++) {
            sb.append("\n    at ").append(trace[i]);
        }
        Throwable cause = e.getCause();
        if (cause != null && cause != e) {
            sb.append("\ncaused by ").append(cause.getClass().getName()).append(": ").append(cause.getMessage());
        }
        return sb.toString();
    }
}
