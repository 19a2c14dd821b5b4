package io.h2rec.adapter.out.tensorflow;

import io.h2rec.domain.model.ModelCatalog;
import io.h2rec.domain.model.ModelSpec;
import io.h2rec.domain.model.DatasetSplit;
import io.h2rec.domain.model.Item;
import io.h2rec.domain.model.MemoryEstimate;
import io.h2rec.domain.model.ItemId;
import io.h2rec.domain.model.RunCheckpoints;
import io.h2rec.domain.model.RunProgress;
import io.h2rec.domain.model.SemanticSideInfo;
import io.h2rec.domain.model.TrainingCheckpoint;
import io.h2rec.domain.model.TrainingListener;
import io.h2rec.domain.port.out.TrainedModel;
import io.h2rec.domain.port.out.Trainer;
import io.h2rec.domain.port.out.TrainingRequest;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * One training pipeline for every model (h2rec-model.md §5-6): TensorFlow graph mode, Adam, the
 * next-item loss at every position, validation NDCG@10 each {@code eval_every} epochs, early
 * stopping with {@code patience}, the best checkpoint restored at the end. Runs on the GPU when
 * TensorFlow's runtime sees one (the gpu Maven profile), on the CPU otherwise.
 */
public final class TfTrainer implements Trainer {
    /** Op-time tracing of a few steps when -Dh2rec.profile=N is set (speed work; off by default). */
    private static final StepProfiler PROFILER = StepProfiler.fromSystemProperty();
    /** TensorFlow ops run at once (-Dh2rec.tf.interop; default 1, docs/h2rec.md "Speed"). */
    private static final int INTER_OP_THREADS = Integer.getInteger("h2rec.tf.interop", 1);
    private final int threads;

    public TfTrainer() {
        this(Runtime.getRuntime().availableProcessors());
    }

    public TfTrainer(int threads) {
        this.threads = threads;
    }

    @Override
    public Set<String> models() {
        return ModelCatalog.models();
    }

    @Override
    public Map<String, String> resolveConfig(String model, Map<String, String> params) {
        return ModelCatalog.parse(model, params).asMap();
    }

    @Override
    public Map<String, Map<String, String>> profiles() {
        return ModelCatalog.PROFILES;
    }

    @Override
    public boolean usesSemanticIds(String model) {
        return ModelCatalog.parse(model, Map.of()).usesSemanticIds();
    }

    @Override
    public MemoryEstimate estimateMemory(String model, Map<String, String> params, int items, int sidCodes) {
        return MemoryModel.of(ModelCatalog.parse(model, params), items, sidCodes);
    }

    @Override
    public String device() {
        return Devices.describe(threads);
    }

    @Override
    public TrainedModel train(TrainingRequest request) {
        ModelSpec c = ModelCatalog.parse(request.model(), request.config());
        DatasetSplit split = request.split();
        SemanticSideInfo side = request.side();
        if (c.usesSemanticIds() && side == null) {
            throw new IllegalArgumentException("model " + c.model() + " needs semantic IDs (a codebook version)");
        }
        Map<String, String> resolved = new LinkedHashMap<>(c.asMap());
        Graph graph = new Graph();
        Session session = null;
        try {
            Ops tf = Ops.create(graph);
            Params params = new Params(tf, request.seed());
            Layers layers = new Layers(tf, params);
            float[] hidInit = hidInit(c, split, request.inputs().textComponents(), params, resolved);
            RecGraph rec = c.family() == ModelSpec.Family.H2REC
                    ? new H2RecGraph(layers, c, split, side, hidInit, request.inputs().positives(), request.seed())
                    : new SingleBranchGraph(layers, c, split.numItems(), side, hidInit);
            if (split.protocol().temporalSplit()) {
                rec.softmaxOver(TrainingBatches.seenInTraining(split));   // ce: the catalogue at t1
            }
            Operand<TFloat32> loss = rec.loss();
            rec.scores();
            Op step = Adam.minimize(graph, layers, loss, c.learningRate(), c.weightDecay());
            ConfigProto proto = ConfigProto.newBuilder().setIntraOpParallelismThreads(threads)
                    .setInterOpParallelismThreads(INTER_OP_THREADS).setAllowSoftPlacement(true).build();
            session = new Session(graph, proto);
            params.initialize(session);
            List<ItemId> ids = split.items().stream().map(Item::id).toList();
            TfModel model = new TfModel(graph, session, params, layers, rec, c, ids, Devices.describe(threads),
                    resolved, split.trainingPopularity());
            fit(model, loss, step, request);
            return model;
        } catch (RuntimeException | Error e) {
            if (session != null) {
                session.close();
            }
            graph.close();
            throw e;
        }
    }

    /** HID rows: the text's principal components (hot start) when the use case computed them, else random. */
    private static float[] hidInit(ModelSpec c, DatasetSplit split, float[][] components, Params params,
                                   Map<String, String> resolved) {
        int n1 = split.numItems() + 1;
        int d = c.hidden();
        double std = Math.sqrt(2.0 / (n1 + d));
        resolved.put("hot_start", String.valueOf(components != null));
        if (components == null) {
            return params.normal(n1 * d, std);
        }
        // Text narrower than d keeps all its components; the remaining columns start at zero.
        int k = components[1].length;
        double sq = 0;
        for (int i = 1; i < n1; i++) {
            for (float v : components[i]) {
                sq += v * v;
            }
        }
        double scale = std / Math.sqrt(sq / ((double) (n1 - 1) * k));
        float[] out = new float[n1 * d];
        for (int i = 1; i < n1; i++) {
            for (int j = 0; j < k; j++) {
                out[i * d + j] = (float) (components[i][j] * scale);
            }
        }
        return out;
    }

    /**
     * The epochs, from the run's checkpoint when it has one. After every epoch that does not end
     * training, a checkpoint is saved (weights with Adam's state, best weights and early-stopping
     * state, steps taken); a resumed run replays the random draws of the epochs it skips, so it
     * continues exactly as the uninterrupted run would have.
     */
    private static void fit(TfModel model, Operand<TFloat32> loss, Op step, TrainingRequest request) {
        ModelSpec c = model.config;
        TrainingListener listener = request.listener();
        RunCheckpoints checkpoints = request.checkpoints();
        TrainingBatches batches = new TrainingBatches(request.split(), c.maxLen(), c.backbone() == ModelSpec.Backbone.GRU4REC);
        float positionsPerBatch = batches.positionsPerBatch(c.batchSize());
        SplittableRandom rnd = new SplittableRandom(request.seed() * 0x9E3779B97F4A7C15L + 17);
        double best = Double.NEGATIVE_INFINITY;
        int bestEpoch = 0;
        Map<String, float[]> bestWeights = null;
        double seconds = 0;
        long stepNo = 0;
        RunProgress last = RunProgress.starting("training");
        int first = 1;
        Optional<TrainingCheckpoint> resume = checkpoints.latest();
        if (resume.isPresent()) {
            TrainingCheckpoint cp = resume.get();
            stepNo = replay(model, batches, rnd, c, cp.epoch());
            if (stepNo != cp.steps()) {
                throw new IllegalStateException("checkpoint of epoch " + cp.epoch() + " took " + cp.steps()
                        + " steps, the replay " + stepNo + ": it belongs to other data or code");
            }
            model.params.restore(model.session, cp.weights());
            best = cp.bestValidation();
            bestEpoch = cp.bestEpoch();
            bestWeights = cp.bestWeights().isEmpty() ? null : cp.bestWeights();
            seconds = cp.trainSeconds();
            last = cp.progress();
            first = cp.epoch() + 1;
            listener.onProgress(new RunProgress(last.epoch(), c.epochs(), last.loss(), last.validationNdcg(), bestEpoch,
                    best, last.secondsPerEpoch(), "resumed from the checkpoint of epoch " + cp.epoch()));
        }
        for (int epoch = first; epoch <= c.epochs() && !listener.cancelled(); epoch++) {
            long t0 = System.nanoTime();
            int[] order = batches.epochOrder(rnd, c.batchSize());
            double lossSum = 0;
            int steps = 0;
            boolean complete = true;
            for (int from = 0; from < order.length; from += c.batchSize()) {
                if (listener.cancelled()) {
                    complete = false;
                    break;
                }
                TrainingBatches.Batch b = batches.batch(order, from, Math.min(order.length, from + c.batchSize()), rnd, c);
                lossSum += runStep(model, loss, step, b, request.seed(), ++stepNo, positionsPerBatch);
                steps++;
            }
            if (!complete) {
                break;   // a partial epoch is neither validated nor checkpointed
            }
            seconds += (System.nanoTime() - t0) / 1e9;
            double meanLoss = lossSum / Math.max(1, steps);
            if (!Double.isFinite(meanLoss)) {
                throw new IllegalStateException("training diverged at epoch " + epoch + ": loss " + meanLoss);
            }
            double valid = Double.NaN;
            if (epoch % c.evalEvery() == 0 || epoch == c.epochs()) {
                valid = request.validation() == null ? -epoch : request.validation().applyAsDouble(model.scorer());
                if (valid > best) {
                    best = valid;
                    bestEpoch = epoch;
                    bestWeights = model.params.snapshot(model.session);
                }
            }
            last = new RunProgress(epoch, c.epochs(), meanLoss, valid, bestEpoch, best, seconds / epoch,
                    "epoch " + epoch);
            model.progress(last);
            listener.onProgress(last);
            if (epoch - bestEpoch >= c.patience()) {
                break;
            }
            if (epoch < c.epochs()) {
                checkpoints.save(new TrainingCheckpoint("", epoch, stepNo, best, bestEpoch, seconds, last,
                        model.params.snapshot(model.session), bestWeights == null ? Map.of() : bestWeights));
            }
        }
        if (bestWeights != null) {
            model.params.restore(model.session, bestWeights);
        }
        model.progress(new RunProgress(last.epoch(), c.epochs(), last.loss(), last.validationNdcg(), bestEpoch, best,
                last.secondsPerEpoch(), "best epoch " + bestEpoch + " restored"));
    }

    /**
     * Draws what {@code epochs} epochs drew from the trainer's random streams (batch order,
     * negatives, H2Rec's alignment sample) without training; returns the steps they took.
     */
    private static long replay(TfModel model, TrainingBatches batches, SplittableRandom rnd, ModelSpec c, int epochs) {
        long steps = 0;
        for (int epoch = 1; epoch <= epochs; epoch++) {
            int[] order = batches.epochOrder(rnd, c.batchSize());
            for (int from = 0; from < order.length; from += c.batchSize()) {
                TrainingBatches.Batch b = batches.batch(order, from, Math.min(order.length, from + c.batchSize()), rnd, c);
                List<Tensor> owned = new ArrayList<>();
                try {
                    model.rec.feedExtra(model.session.runner(), b, owned);   // never run: only its draws count
                } finally {
                    owned.forEach(Tensor::close);
                }
                steps++;
            }
        }
        return steps;
    }

    private static double runStep(TfModel model, Operand<TFloat32> loss, Op step, TrainingBatches.Batch b,
                                  long seed, long stepNo, float positionsPerBatch) {
        int t = b.length();
        List<Tensor> owned = new ArrayList<>();
        try {
            TInt32 seq = track(owned, Tensors.ints(b.seq(), b.size(), t));
            TInt32 pos = track(owned, Tensors.ints(b.pos(), b.size(), t));
            TInt32 neg = track(owned, Tensors.ints(b.neg().length == 0 ? new int[b.size() * t] : b.neg(), b.size(), t));
            TInt32 negatives = track(owned, Tensors.ints(b.negatives(), b.negatives().length));
            TFloat32 rate = track(owned, TFloat32.scalarOf((float) model.config.dropout()));
            TInt64 dropSeed = track(owned, TInt64.vectorOf(seed, stepNo));
            TFloat32 normaliser = track(owned, TFloat32.scalarOf(positionsPerBatch));
            RecGraph rec = model.rec;
            Session.Runner runner = model.session.runner().feed(rec.seq, seq).feed(rec.pos, pos).feed(rec.neg, neg)
                    .feed(rec.negatives, negatives).feed(model.layers.dropRate, rate).feed(model.layers.seed, dropSeed)
                    .feed(rec.positionsPerBatch, normaliser);
            rec.feedExtra(runner, b, owned);
            runner.addTarget(step).fetch(loss);
            try (Result r = PROFILER != null && PROFILER.traces(stepNo) ? PROFILER.run(runner, stepNo) : runner.run()) {
                return ((TFloat32) r.get(0)).getFloat();
            }
        } finally {
            owned.forEach(Tensor::close);
        }
    }

    private static <T extends Tensor> T track(List<Tensor> owned, T tensor) {
        owned.add(tensor);
        return tensor;
    }
}
