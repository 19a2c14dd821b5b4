package io.h2rec.adapter.out.tensorflow;

import io.h2rec.domain.model.WeightNames;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.math.Mean;
import org.tensorflow.op.train.BatchMatMul;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

import java.util.List;

/**
 * Building blocks shared by every graph: dense and layer-norm modules (parameters created once,
 * applied many times, so weights can be shared), dropout driven by a fed rate and a fed seed
 * (stateless, so a seed reproduces a run and scoring never disturbs training's random stream),
 * and multi-head attention with padding and causal masks.
 */
final class Layers {
    final Ops tf;
    final Params params;
    /** Dropout rate of this step: the configured rate while training, 0 when scoring. */
    final Placeholder<TFloat32> dropRate;
    /** [2] seed of this step's dropout masks. */
    final Placeholder<TInt64> seed;
    private int site;
    /**
     * Whether ops being built belong to the training chain. The scoring chain is built separately
     * without dropout (no random numbers drawn, nothing to switch off at run time).
     */
    boolean training = true;

    Layers(Ops tf, Params params) {
        this.tf = tf;
        this.params = params;
        this.dropRate = tf.withName("drop_rate").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
        this.seed = tf.withName("drop_seed").placeholder(TInt64.class, Placeholder.shape(Shape.of(2)));
    }

    Operand<TFloat32> c(float v) {
        return tf.constant(v);
    }

    Operand<TInt32> ints(int... v) {
        return tf.constant(v);
    }

    /** A rank-0 int (gather axes and indices). */
    Operand<TInt32> scalar(int v) {
        return tf.constant(v);
    }

    /** Inverted dropout at the step's rate. */
    Operand<TFloat32> dropout(Operand<TFloat32> x) {
        return dropout(x, dropRate);
    }

    /** Inverted dropout at {@code rate} (scaled by the step's on/off: rate * (dropRate > 0)). */
    Operand<TFloat32> dropout(Operand<TFloat32> x, Operand<TFloat32> rate) {
        if (!training) {
            return x;
        }
        Operand<TInt64> siteSeed = tf.math.add(seed, tf.constant(new long[] {0L, ++site * 7919L}));
        Operand<TFloat32> u = tf.random.statelessRandomUniform(tf.shape(x), siteSeed);
        Operand<TFloat32> keep = tf.dtypes.cast(tf.math.greaterEqual(u, rate), TFloat32.class);
        return tf.math.div(tf.math.mul(x, keep), tf.math.sub(c(1f), rate));
    }

    /** Dropout at a fixed rate while training (the gate's 0.1), none when scoring. */
    Operand<TFloat32> dropoutFixed(Operand<TFloat32> x, float rate) {
        if (!training) {
            return x;
        }
        Operand<TFloat32> on = tf.dtypes.cast(tf.math.greater(dropRate, c(0f)), TFloat32.class);
        return dropout(x, tf.math.mul(on, c(rate)));
    }

    /** y = x W (+ b) over the last dimension of a rank-2 or rank-3 x. */
    final class Dense {
        final Variable<TFloat32> w;
        final Variable<TFloat32> b;
        final int in;
        final int out;

        Dense(String name, int in, int out, boolean bias) {
            this.in = in;
            this.out = out;
            this.w = params.weight(WeightNames.denseWeight(name), new int[] {in, out}, params.xavier(in, out));
            this.b = bias ? params.weight(WeightNames.denseBias(name), new int[] {out}, Params.zeros(out)) : null;
        }

        Operand<TFloat32> apply(Operand<TFloat32> x) {
            Operand<TInt32> shape = tf.shape(x);
            Operand<TFloat32> y = tf.linalg.matMul(tf.reshape(x, ints(-1, in)), w);
            if (b != null) {
                y = tf.math.add(y, b);
            }
            Operand<TInt32> lead = tf.stridedSlice(shape, ints(0), ints(-1), ints(1));
            return tf.reshape(y, tf.concat(List.of(lead, ints(out)), tf.constant(0)));
        }
    }

    /** Layer normalisation over the last dimension (eps 1e-8, as SASRec). */
    final class LayerNorm {
        final Variable<TFloat32> gamma;
        final Variable<TFloat32> beta;

        LayerNorm(String name, int d) {
            this.gamma = params.weight(WeightNames.normGain(name), new int[] {d}, Params.ones(d));
            this.beta = params.weight(WeightNames.normBias(name), new int[] {d}, Params.zeros(d));
        }

        Operand<TFloat32> apply(Operand<TFloat32> x) {
            Operand<TInt32> axis = ints(-1);
            Operand<TFloat32> centred = tf.math.sub(x, tf.math.mean(x, axis, Mean.keepDims(true)));
            Operand<TFloat32> var = tf.math.mean(tf.math.square(centred), axis, Mean.keepDims(true));
            Operand<TFloat32> normed = tf.math.mul(centred, tf.math.rsqrt(tf.math.add(var, c(1e-8f))));
            return tf.math.add(tf.math.mul(normed, gamma), beta);
        }
    }

    /**
     * Multi-head attention: Q from {@code q}, K and V from {@code kv}; scores scaled by
     * 1/sqrt(d/heads), key-padding bias and (optionally) a causal bias added before the softmax.
     */
    final class Attention {
        final Dense wq;
        final Dense wk;
        final Dense wv;
        final Dense wo;
        final int d;
        final int heads;
        final boolean dropWeights;

        Attention(String name, int d, int heads, boolean qkvBias, boolean dropWeights) {
            this.d = d;
            this.heads = heads;
            this.dropWeights = dropWeights;
            this.wq = new Dense(WeightNames.attention(name, WeightNames.AttentionPart.Q), d, d, qkvBias);
            this.wk = new Dense(WeightNames.attention(name, WeightNames.AttentionPart.K), d, d, qkvBias);
            this.wv = new Dense(WeightNames.attention(name, WeightNames.AttentionPart.V), d, d, qkvBias);
            this.wo = new Dense(WeightNames.attention(name, WeightNames.AttentionPart.O), d, d, true);
        }

        /**
         * @param q       [B, Tq, d]
         * @param kv      [B, Tk, d]
         * @param keyBias [B, 1, 1, Tk]: 0 for real keys, -1e9 for padding
         * @param causal  [Tq, Tk] bias or null
         * @return [B, Tq, d]
         */
        Operand<TFloat32> apply(Operand<TFloat32> q, Operand<TFloat32> kv, Operand<TFloat32> keyBias,
                                Operand<TFloat32> causal) {
            int dh = d / heads;
            Operand<TFloat32> qh = split(wq.apply(q), dh);   // [B, h, Tq, dh]
            Operand<TFloat32> kh = split(wk.apply(kv), dh);  // [B, h, Tk, dh]
            Operand<TFloat32> vh = split(wv.apply(kv), dh);  // [B, h, Tk, dh]
            Operand<TFloat32> scores = tf.math.mul(
                    tf.train.batchMatMul(qh, kh, TFloat32.class, BatchMatMul.adjY(true)), c((float) (1 / Math.sqrt(dh))));
            scores = tf.math.add(scores, keyBias);              // [B, h, Tq, Tk]
            if (causal != null) {
                scores = tf.math.add(scores, causal);
            }
            Operand<TFloat32> weights = tf.nn.softmax(scores);
            if (dropWeights) {
                weights = dropout(weights);
            }
            Operand<TFloat32> o = tf.train.batchMatMul(weights, vh, TFloat32.class); // [B, h, Tq, dh]
            if (heads == 1) {
                return wo.apply(tf.squeeze(o, org.tensorflow.op.core.Squeeze.axis(List.of(1L))));
            }
            Operand<TFloat32> merged = tf.linalg.transpose(o, ints(0, 2, 1, 3));      // [B, Tq, h, dh]
            return wo.apply(tf.reshape(merged, tf.stack(List.of(dim(q, 0), dim(q, 1), scalar(d)))));
        }

        private Operand<TFloat32> split(Operand<TFloat32> x, int dh) {
            if (heads == 1) {
                return tf.expandDims(x, tf.constant(1));
            }
            Operand<TInt32> shape = tf.stack(List.of(dim(x, 0), dim(x, 1), scalar(heads), scalar(dh)));
            return tf.linalg.transpose(tf.reshape(x, shape), ints(0, 2, 1, 3));
        }
    }

    /** Size of dimension {@code axis} of x, as a scalar (shapes are dynamic: batches are padded to their own length). */
    Operand<TInt32> dim(Operand<?> x, int axis) {
        return tf.gather(tf.shape((Operand<? extends org.tensorflow.types.family.TType>) x), scalar(axis), scalar(0));
    }

    /** x[:, last, :] of a [B, T, d] tensor: [B, d]. */
    Operand<TFloat32> lastStep(Operand<TFloat32> x) {
        return tf.gather(x, tf.math.sub(dim(x, 1), scalar(1)), scalar(1));
    }

    /** The top-left [T', T'] of a [T, T] bias, T' = the batch's length. */
    Operand<TFloat32> leading(Operand<TFloat32> bias, Operand<TInt32> length) {
        return tf.slice(bias, ints(0, 0), tf.stack(List.of(length, length)));
    }

    /** [T, T] additive bias: 0 where key <= query, -1e9 above the diagonal. */
    Operand<TFloat32> causalBias(int t) {
        float[] bias = new float[t * t];
        for (int i = 0; i < t; i++) {
            for (int j = i + 1; j < t; j++) {
                bias[i * t + j] = -1e9f;
            }
        }
        return tf.constant(Shape.of(t, t), org.tensorflow.ndarray.buffer.DataBuffers.of(bias, true, false));
    }

    /** [B, T] 0/1 mask -> [B, 1, 1, T] additive key bias. */
    Operand<TFloat32> keyBias(Operand<TFloat32> mask) {
        Operand<TFloat32> bias = tf.math.mul(tf.math.sub(c(1f), mask), c(-1e9f));
        return tf.expandDims(tf.expandDims(bias, tf.constant(1)), tf.constant(1));
    }
}
