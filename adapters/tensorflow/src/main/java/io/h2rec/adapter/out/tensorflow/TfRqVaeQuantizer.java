package io.h2rec.adapter.out.tensorflow;

import io.h2rec.domain.model.CodebookModel;
import io.h2rec.domain.model.DenseLayer;
import io.h2rec.domain.model.JobListener;
import io.h2rec.domain.model.QuantizerConfig;
import io.h2rec.domain.port.out.QuantizationResult;
import io.h2rec.domain.port.out.Quantizer;
import io.h2rec.domain.quantization.QuantizerSupport;
import io.h2rec.domain.quantization.ResidualKMeansQuantizer;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * RQ-VAE (h2rec-model.md §1) in TensorFlow: encoder MLP d_t -> 512 -> 256 -> d_c (ReLU), L
 * residual codebooks, a mirrored decoder; loss = ||x - D(z)||^2 + sum_l (||sg(r) - C_l[c]||^2 +
 * beta ||r - sg(C_l[c])||^2) with the straight-through estimator. Codebooks start from residual
 * k-means of the initial encoder's outputs; codes unused in an epoch are re-seeded from random
 * residuals. Options: epochs (default 300), batch (1024), lr (1e-3), beta (0.25), code_dim (64).
 */
public final class TfRqVaeQuantizer implements Quantizer {
    public static final String NAME = "rqvae";
    private static final int[] HIDDEN = {512, 256};

    private final int threads;

    public TfRqVaeQuantizer() {
        this(Runtime.getRuntime().availableProcessors());
    }

    public TfRqVaeQuantizer(int threads) {
        this.threads = threads;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> options() {
        return Set.of("epochs", "batch", "lr", "beta", "code_dim");
    }

    /** The options, each in its range (TensorFlow aborts the JVM on some out-of-range shapes: code_dim 0). */
    record Options(int codeDim, int epochs, int batch, double lr, double beta) {
        static Options of(QuantizerConfig c) {
            return new Options(QuantizerSupport.intOption(c, "code_dim", 64, 1, 1024),
                    QuantizerSupport.intOption(c, "epochs", 300, 1, 10_000),
                    QuantizerSupport.intOption(c, "batch", 1024, 1, 65_536),
                    QuantizerSupport.doubleOption(c, "lr", 1e-3, 0, true, 1),
                    QuantizerSupport.doubleOption(c, "beta", 0.25, 0, false, 100));
        }
    }

    @Override
    public void validate(QuantizerConfig config) {
        QuantizerSupport.checkOptions(this, config);
        Options.of(config);
    }

    @Override
    public String device() {
        return Devices.describe(threads);
    }

    @Override
    public QuantizationResult fit(float[][] x, QuantizerConfig config, JobListener listener) {
        validate(config);
        Options o = Options.of(config);
        int n = x.length;
        int dt = QuantizerSupport.dimension(x);
        int dc = o.codeDim();
        int epochs = o.epochs();
        int batch = Math.max(1, Math.min(n, o.batch()));
        double lr = o.lr();
        float beta = (float) o.beta();
        int levels = config.levels();
        int k = config.codebookSize();
        try (Graph graph = new Graph()) {
            Ops tf = Ops.create(graph);
            Params params = new Params(tf, config.seed());
            Layers l = new Layers(tf, params);
            Placeholder<TFloat32> input = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, dt)));
            int[] widths = {dt, HIDDEN[0], HIDDEN[1], dc};
            List<Layers.Dense> enc = new ArrayList<>();
            List<Layers.Dense> dec = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                enc.add(l.new Dense("rqvae/enc" + i, widths[i], widths[i + 1], true));
            }
            for (int i = 3; i > 0; i--) {
                dec.add(l.new Dense("rqvae/dec" + (3 - i), widths[i], widths[i - 1], true));
            }
            List<Variable<TFloat32>> books = new ArrayList<>();
            for (int lv = 0; lv < levels; lv++) {
                books.add(params.weight("rqvae/codebook" + lv, new int[] {k, dc}, params.normal(k * dc, 0.1)));
            }
            Operand<TFloat32> z = mlp(tf, enc, input);                                     // [B, d_c]
            Operand<TFloat32> residual = z;
            Operand<TFloat32> quantized = null;
            Operand<TFloat32> commitment = null;
            List<Operand<? extends org.tensorflow.types.family.TType>> codes = new ArrayList<>();
            List<Operand<TFloat32>> residuals = new ArrayList<>();
            for (Variable<TFloat32> book : books) {
                residuals.add(residual);
                Operand<TFloat32> dist = tf.math.add(tf.math.sub(
                        tf.reduceSum(tf.math.square(residual), l.ints(1), org.tensorflow.op.core.ReduceSum.keepDims(true)),
                        tf.math.mul(tf.linalg.matMul(residual, book, MatMul.transposeB(true)), l.c(2f))),
                        tf.reduceSum(tf.math.square(book), l.ints(1)));                      // [B, K]
                Operand<TInt64> code = tf.math.argMin(dist, l.scalar(1));
                codes.add(code);
                Operand<TFloat32> chosen = tf.gather(book, code, l.scalar(0));             // [B, d_c]
                Operand<TFloat32> term = quantizationLoss(tf, residual, chosen, beta);
                commitment = commitment == null ? term : tf.math.add(commitment, term);
                quantized = quantized == null ? chosen : tf.math.add(quantized, chosen);
                residual = tf.math.sub(residual, chosen);
            }
            // Straight-through: the decoder sees z_q, gradients flow to the encoder as if z.
            Operand<TFloat32> zq = tf.math.add(z, tf.stopGradient(tf.math.sub(quantized, z)));
            Operand<TFloat32> recon = mlp(tf, dec, zq);
            Operand<TFloat32> reconError = tf.math.mean(tf.reduceSum(tf.math.square(tf.math.sub(input, recon)),
                    l.ints(1)), l.ints(0));
            Operand<TFloat32> loss = tf.math.add(reconError, commitment);
            Op step = Adam.minimize(graph, l, loss, lr);
            ConfigProto proto = ConfigProto.newBuilder().setIntraOpParallelismThreads(threads)
                    .setInterOpParallelismThreads(1).build();
            try (Session session = new Session(graph, proto)) {
                params.initialize(session);
                initialiseCodebooks(session, params, input, z, x, config, listener);
                SplittableRandom rnd = new SplittableRandom(config.seed() + 1);
                int[] order = new int[n];
                for (int i = 0; i < n; i++) {
                    order[i] = i;
                }
                for (int epoch = 1; epoch <= epochs; epoch++) {
                    listener.checkCancelled();
                    shuffle(order, rnd);
                    for (int from = 0; from < n; from += batch) {
                        listener.checkCancelled();
                        float[] rows = rows(x, order, from, Math.min(n, from + batch), dt);
                        try (TFloat32 t = Tensors.floats(rows, rows.length / dt, dt);
                             Result r = session.runner().feed(input, t).addTarget(step).run()) {
                            // one Adam step
                        }
                    }
                    reseedDeadCodes(session, params, input, x, codes, residuals, k, dt, rnd);
                    listener.progress("RQ-VAE epoch " + epoch + "/" + epochs, epoch, epochs);
                }
                return export(session, params, input, x, codes, reconError, levels, k, dc, dt);
            }
        }
    }

    /**
     * One level's ||sg(r) - C[c]||^2 + beta ||r - sg(C[c])||^2 (h2rec-model.md §1), averaged over the batch: squared
     * norms over the code dimension, as the reconstruction term's, so the three terms keep the spec's proportions
     * (a mean over the d_c elements made the level terms 64 times weaker than the reconstruction until 2026-12-01).
     */
    static Operand<TFloat32> quantizationLoss(Ops tf, Operand<TFloat32> residual, Operand<TFloat32> chosen, float beta) {
        Operand<TInt32> codeAxis = tf.constant(new int[] {1});
        Operand<TInt32> batchAxis = tf.constant(new int[] {0});
        Operand<TFloat32> codebook = tf.math.mean(tf.reduceSum(tf.math.square(
                tf.math.sub(tf.stopGradient(residual), chosen)), codeAxis), batchAxis);
        Operand<TFloat32> commit = tf.math.mean(tf.reduceSum(tf.math.square(
                tf.math.sub(residual, tf.stopGradient(chosen))), codeAxis), batchAxis);
        return tf.math.add(codebook, tf.math.mul(commit, tf.constant(beta)));
    }

    private static Operand<TFloat32> mlp(Ops tf, List<Layers.Dense> layers, Operand<TFloat32> x) {
        for (int i = 0; i < layers.size(); i++) {
            x = layers.get(i).apply(x);
            if (i < layers.size() - 1) {
                x = tf.nn.relu(x);
            }
        }
        return x;
    }

    /** Codebooks from residual k-means of the initial encoder outputs. */
    private static void initialiseCodebooks(Session session, Params params, Placeholder<TFloat32> input,
                                            Operand<TFloat32> z, float[][] x, QuantizerConfig config,
                                            JobListener listener) {
        listener.progress("RQ-VAE: k-means initialisation", 0, 1);
        float[][] encoded = run(session, input, x, z);
        QuantizationResult init = new ResidualKMeansQuantizer().fit(encoded, new QuantizerConfig("rqkmeans",
                config.levels(), config.codebookSize(), config.seed(), Map.of("iterations", "15")), JobListener.NONE);
        Map<String, float[]> values = params.snapshot(session);
        for (int lv = 0; lv < config.levels(); lv++) {
            values.put("rqvae/codebook" + lv, SidEmbedding.flatten(init.model().vectors()[lv]));
        }
        params.restore(session, values);
    }

    /** Codes no item used in this epoch take the value of a random item's residual at that level. */
    private static void reseedDeadCodes(Session session, Params params, Placeholder<TFloat32> input, float[][] x,
                                        List<Operand<? extends org.tensorflow.types.family.TType>> codes,
                                        List<Operand<TFloat32>> residuals, int k, int dt, SplittableRandom rnd) {
        int levels = codes.size();
        Map<String, float[]> values = null;
        for (int lv = 0; lv < levels; lv++) {
            long[] assigned = runCodes(session, input, x, codes.get(lv));
            boolean[] used = new boolean[k];
            for (long c : assigned) {
                used[(int) c] = true;
            }
            float[][] res = null;
            for (int code = 0; code < k; code++) {
                if (used[code]) {
                    continue;
                }
                if (values == null) {
                    values = params.snapshot(session);
                }
                if (res == null) {
                    res = run(session, input, x, residuals.get(lv));
                }
                float[] book = values.get("rqvae/codebook" + lv);
                float[] pick = res[rnd.nextInt(res.length)];
                System.arraycopy(pick, 0, book, code * pick.length, pick.length);
            }
        }
        if (values != null) {
            params.restore(session, values);
        }
    }

    private static QuantizationResult export(Session session, Params params, Placeholder<TFloat32> input, float[][] x,
                                             List<Operand<? extends org.tensorflow.types.family.TType>> codes,
                                             Operand<TFloat32> reconError, int levels, int k, int dc, int dt) {
        int n = x.length;
        int[][] out = new int[n][levels];
        for (int lv = 0; lv < levels; lv++) {
            long[] c = runCodes(session, input, x, codes.get(lv));
            for (int i = 0; i < n; i++) {
                out[i][lv] = (int) c[i];
            }
        }
        double mse;
        try (TFloat32 t = Tensors.floats(flatten(x), n, dt);
             Result r = session.runner().feed(input, t).fetch(reconError).run()) {
            mse = ((TFloat32) r.get(0)).getFloat();
        }
        Map<String, float[]> values = params.snapshot(session);
        float[][][] vectors = new float[levels][k][dc];
        for (int lv = 0; lv < levels; lv++) {
            float[] book = values.get("rqvae/codebook" + lv);
            for (int c = 0; c < k; c++) {
                System.arraycopy(book, c * dc, vectors[lv][c], 0, dc);
            }
        }
        int[] widths = {dt, HIDDEN[0], HIDDEN[1], dc};
        List<DenseLayer> encoder = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            float[] w = values.get("rqvae/enc" + i + "/w");
            float[][] weight = new float[widths[i]][widths[i + 1]];
            for (int r = 0; r < widths[i]; r++) {
                System.arraycopy(w, r * widths[i + 1], weight[r], 0, widths[i + 1]);
            }
            encoder.add(new DenseLayer(weight, values.get("rqvae/enc" + i + "/b"), i < 2));
        }
        return new QuantizationResult(out, new CodebookModel(CodebookModel.Kind.RESIDUAL, levels, k, vectors, encoder), mse);
    }

    private static float[][] run(Session session, Placeholder<TFloat32> input, float[][] x, Operand<TFloat32> what) {
        int dt = x[0].length;
        try (TFloat32 t = Tensors.floats(flatten(x), x.length, dt);
             Result r = session.runner().feed(input, t).fetch(what).run()) {
            TFloat32 out = (TFloat32) r.get(0);
            int d = (int) out.shape().size(1);
            float[] flat = Tensors.floats(out);
            float[][] rows = new float[x.length][d];
            for (int i = 0; i < x.length; i++) {
                System.arraycopy(flat, i * d, rows[i], 0, d);
            }
            return rows;
        }
    }

    private static long[] runCodes(Session session, Placeholder<TFloat32> input, float[][] x,
                                   Operand<? extends org.tensorflow.types.family.TType> codes) {
        try (TFloat32 t = Tensors.floats(flatten(x), x.length, x[0].length);
             Result r = session.runner().feed(input, t).fetch(codes).run()) {
            TInt64 c = (TInt64) r.get(0);
            long[] out = new long[x.length];
            c.copyTo(org.tensorflow.ndarray.buffer.DataBuffers.of(out, false, false));
            return out;
        }
    }

    private static float[] rows(float[][] x, int[] order, int from, int to, int dt) {
        float[] out = new float[(to - from) * dt];
        for (int i = from; i < to; i++) {
            System.arraycopy(x[order[i]], 0, out, (i - from) * dt, dt);
        }
        return out;
    }

    private static float[] flatten(float[][] x) {
        return SidEmbedding.flatten(x);
    }

    private static void shuffle(int[] a, SplittableRandom rnd) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
