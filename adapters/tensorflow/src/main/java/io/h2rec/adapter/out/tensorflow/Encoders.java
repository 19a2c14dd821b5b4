package io.h2rec.adapter.out.tensorflow;

import io.h2rec.domain.model.WeightNames;
import io.h2rec.domain.model.ModelSpec;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

import java.util.ArrayList;
import java.util.List;

/** The sequence encoders f: SASRec (pre-LN self-attention blocks) and GRU4Rec (one GRU layer). */
final class Encoders {
    private Encoders() {
    }

    /** f(x): [B, T, d] inputs (zero at padding) -> [B, T, d] states. */
    interface SequenceEncoder {
        /**
         * @param mask    [B, T, 1] 1 for real positions
         * @param keyBias [B, 1, 1, T]
         * @param lastOnly only the last position's state is needed: [B, 1, d] (the last block then
         *                 attends from that position alone, which is all scoring needs)
         */
        Operand<TFloat32> apply(Operand<TFloat32> x, Operand<TFloat32> mask, Operand<TFloat32> keyBias,
                                boolean lastOnly);

        default Operand<TFloat32> apply(Operand<TFloat32> x, Operand<TFloat32> mask, Operand<TFloat32> keyBias) {
            return apply(x, mask, keyBias, false);
        }
    }

    static SequenceEncoder create(Layers layers, String name, ModelSpec c) {
        return c.backbone() == ModelSpec.Backbone.GRU4REC ? new Gru(layers, name, c) : new SasRec(layers, name, c);
    }

    /**
     * h2rec-model.md §3: x = x + MHA(LN(x)) (causal + padding masks), x = x + FFN(LN(x)) with
     * FFN d -> d -> d (ReLU, dropout), then a final LN.
     */
    static final class SasRec implements SequenceEncoder {
        private final Layers l;
        private final int t;
        private final List<Layers.LayerNorm> ln1 = new ArrayList<>();
        private final List<Layers.Attention> attention = new ArrayList<>();
        private final List<Layers.LayerNorm> ln2 = new ArrayList<>();
        private final List<Layers.Dense> ff1 = new ArrayList<>();
        private final List<Layers.Dense> ff2 = new ArrayList<>();
        private final Layers.LayerNorm last;
        private final Operand<TFloat32> causalFull;

        SasRec(Layers l, String name, ModelSpec c) {
            this.l = l;
            this.t = c.maxLen();
            int d = c.hidden();
            for (int b = 0; b < c.blocks(); b++) {
                                ln1.add(l.new LayerNorm(WeightNames.block(name, b, WeightNames.BlockPart.LN1), d));
                attention.add(l.new Attention(WeightNames.block(name, b, WeightNames.BlockPart.MHA), d, c.heads(), true, true));
                ln2.add(l.new LayerNorm(WeightNames.block(name, b, WeightNames.BlockPart.LN2), d));
                ff1.add(l.new Dense(WeightNames.block(name, b, WeightNames.BlockPart.FFN1), d, d, true));
                ff2.add(l.new Dense(WeightNames.block(name, b, WeightNames.BlockPart.FFN2), d, d, true));
            }
            this.last = l.new LayerNorm(WeightNames.finalNorm(name), d);
            this.causalFull = l.causalBias(t);
        }

        @Override
        public Operand<TFloat32> apply(Operand<TFloat32> x, Operand<TFloat32> mask, Operand<TFloat32> keyBias,
                                       boolean lastOnly) {
            Ops tf = l.tf;
            int blocks = attention.size();
            Operand<TFloat32> causal = l.leading(causalFull, l.dim(x, 1));
            for (int b = 0; b < blocks; b++) {
                Operand<TFloat32> y = ln1.get(b).apply(x);
                if (lastOnly && b == blocks - 1) {
                    // The last position attends to every real position: no causal bias needed.
                    x = lastPosition(x);
                    mask = lastPosition(mask);
                    x = tf.math.add(x, l.dropout(attention.get(b).apply(lastPosition(y), y, keyBias, null)));
                } else {
                    x = tf.math.add(x, l.dropout(attention.get(b).apply(y, y, keyBias, causal)));
                }
                y = ln2.get(b).apply(x);
                Operand<TFloat32> f = ff2.get(b).apply(l.dropout(tf.nn.relu(ff1.get(b).apply(y))));
                x = tf.math.mul(tf.math.add(x, l.dropout(f)), mask);
            }
            return last.apply(x);
        }

        private Operand<TFloat32> lastPosition(Operand<TFloat32> x) {
            return l.tf.expandDims(l.lastStep(x), l.tf.constant(1));
        }
    }

    /**
     * GRU4Rec's recurrent layer, unrolled over T: z, r gates and candidate n; padding steps keep
     * the previous state (left padding keeps it at zero). Its inputs are always padded to T.
     */
    static final class Gru implements SequenceEncoder {
        private final Layers l;
        private final int t;
        private final Layers.Dense input;
        private final Variable<TFloat32> recurrent;
        private final Layers.LayerNorm last;

        Gru(Layers l, String name, ModelSpec c) {
            this.l = l;
            this.t = c.maxLen();
            int d = c.hidden();
            this.input = l.new Dense(WeightNames.gruInput(name), d, 3 * d, true);
            this.recurrent = l.params.weight(WeightNames.gruRecurrentWeight(name), new int[] {d, 3 * d}, l.params.xavier(d, 3 * d));
            this.last = l.new LayerNorm(WeightNames.finalNorm(name), d);
        }

        @Override
        public Operand<TFloat32> apply(Operand<TFloat32> x, Operand<TFloat32> mask, Operand<TFloat32> keyBias,
                                       boolean lastOnly) {
            Ops tf = l.tf;
            // The step is op-bound (tiny [B, 3d] tensors), so it is written with as few ops as the
            // algebra allows: inputs and masks are split into steps once (unstack), each step's
            // gate pre-activations come out of one split, and both blends are a + w (b - a).
            Operand<TFloat32> xw = input.apply(x);                                   // [B, T, 3d]
            var xs = tf.unstack(xw, (long) t, org.tensorflow.op.core.Unstack.axis(1L));     // T x [B, 3d]
            var ms = tf.unstack(mask, (long) t, org.tensorflow.op.core.Unstack.axis(1L));   // T x [B, 1]
            Operand<TFloat32> h = tf.math.mul(tf.reduceSum(x, l.ints(1)), l.c(0f));  // [B, d] zeros
            Operand<TInt32> features = l.scalar(1);                                 // split axis of [B, 3d]
            List<Operand<TFloat32>> states = new ArrayList<>(t);
            for (int step = 0; step < t; step++) {
                var xt = tf.split(features, xs.output().get(step), 3L).output();         // z, r, n parts
                var hu = tf.split(features, tf.linalg.matMul(h, recurrent), 3L).output();
                Operand<TFloat32> z = tf.math.sigmoid(tf.math.add(xt.get(0), hu.get(0)));
                Operand<TFloat32> r = tf.math.sigmoid(tf.math.add(xt.get(1), hu.get(1)));
                Operand<TFloat32> n = tf.math.tanh(tf.math.add(xt.get(2), tf.math.mul(r, hu.get(2))));
                // next = (1 - z) h + z n; padding steps (m = 0) keep h: h + m z (n - h)
                Operand<TFloat32> update = tf.math.mul(ms.output().get(step), z);
                h = tf.math.add(h, tf.math.mul(update, tf.math.sub(n, h)));
                states.add(h);
            }
            if (lastOnly) {
                return last.apply(tf.expandDims(h, l.ints(1)));                       // [B, 1, d]
            }
            Operand<TFloat32> all = tf.stack(states, org.tensorflow.op.core.Stack.axis(1L)); // [B, T, d]
            return last.apply(l.dropout(all));
        }
    }
}
