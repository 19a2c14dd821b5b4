package io.h2rec.adapter.out.tensorflow;

import io.h2rec.domain.model.WeightNames;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.train.BatchMatMul;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

import java.util.ArrayList;
import java.util.List;

/**
 * H2Rec's per-level SID->HID cross-attentions CA_l(Q = X^{S,l}, KV = X^H) (h2rec-model.md §3),
 * all L levels in one stacked computation. Each level keeps its own parameters (named as L separate
 * {@link Layers.Attention}s, which is what the artifact and the Java inference engine read); the
 * graph stacks them so the L attentions run as one set of batched ops instead of L sets of small
 * ones. Same values as applying each level's attention on its own.
 */
final class LevelCrossAttention {
    private final Layers l;
    private final Ops tf;
    private final List<Layers.Attention> levels = new ArrayList<>();
    private final int d;
    private final int heads;

    LevelCrossAttention(Layers l, String name, int levels, int d, int heads) {
        this.l = l;
        this.tf = l.tf;
        this.d = d;
        this.heads = heads;
        for (int lv = 0; lv < levels; lv++) {
            this.levels.add(l.new Attention(WeightNames.caLevel(lv), d, heads, false, false));
        }
    }

    /**
     * @param q       [L, B, T, d] the level streams X^{S,l}
     * @param kv      [B, T, d] the HID stream X^H
     * @param keyBias [B, 1, 1, T]
     * @param causal  [T, T]
     * @return [L, B, T, d]: CA_l(X^{S,l}, X^H) for every level
     */
    Operand<TFloat32> apply(Operand<TFloat32> q, Operand<TFloat32> kv, Operand<TFloat32> keyBias,
                            Operand<TFloat32> causal) {
        int n = levels.size();
        int dh = d / heads;
        Operand<TInt32> b = l.dim(kv, 0);
        Operand<TInt32> t = l.dim(kv, 1);
        Operand<TFloat32> wq = stack(levels.stream().map(a -> a.wq.w).toList());            // [L, d, d]
        Operand<TFloat32> wo = stack(levels.stream().map(a -> a.wo.w).toList());            // [L, d, d]
        Operand<TFloat32> bo = tf.expandDims(stack(levels.stream().map(a -> a.wo.b).toList()), l.ints(1)); // [L, 1, d]
        Operand<TFloat32> wk = tf.concat(levels.stream().map(a -> (Operand<TFloat32>) a.wk.w).toList(), l.scalar(1)); // [d, L d]
        Operand<TFloat32> wv = tf.concat(levels.stream().map(a -> (Operand<TFloat32>) a.wv.w).toList(), l.scalar(1)); // [d, L d]

        Operand<TFloat32> flatKv = tf.reshape(kv, l.ints(-1, d));                            // [B T, d]
        Operand<TFloat32> qh = tf.linalg.transpose(tf.reshape(
                tf.train.batchMatMul(tf.reshape(q, tf.stack(List.of(l.scalar(n), l.scalar(-1), l.scalar(d)))), wq,
                        TFloat32.class),                                                     // [L, B T, d]
                tf.stack(List.of(l.scalar(n), b, t, l.scalar(heads), l.scalar(dh)))),
                l.ints(0, 1, 3, 2, 4));                                                       // [L, B, h, T, dh]
        Operand<TFloat32> kh = heads(tf.linalg.matMul(flatKv, wk), b, t, n, dh);              // [L, B, h, T, dh]
        Operand<TFloat32> vh = heads(tf.linalg.matMul(flatKv, wv), b, t, n, dh);              // [L, B, h, T, dh]
        Operand<TFloat32> scores = tf.math.mul(tf.train.batchMatMul(qh, kh, TFloat32.class, BatchMatMul.adjY(true)),
                l.c((float) (1 / Math.sqrt(dh))));                                            // [L, B, h, T, T]
        scores = tf.math.add(tf.math.add(scores, keyBias), causal);
        Operand<TFloat32> o = tf.train.batchMatMul(tf.nn.softmax(scores), vh, TFloat32.class); // [L, B, h, T, dh]
        Operand<TFloat32> merged = tf.reshape(tf.linalg.transpose(o, l.ints(0, 1, 3, 2, 4)),
                tf.stack(List.of(l.scalar(n), l.scalar(-1), l.scalar(d))));                   // [L, B T, d]
        Operand<TFloat32> out = tf.math.add(tf.train.batchMatMul(merged, wo, TFloat32.class), bo); // [L, B T, d]
        return tf.reshape(out, tf.stack(List.of(l.scalar(n), b, t, l.scalar(d))));
    }

    /** [B T, L d] -> [L, B, h, T, dh]. */
    private Operand<TFloat32> heads(Operand<TFloat32> x, Operand<TInt32> b, Operand<TInt32> t, int n, int dh) {
        Operand<TFloat32> r = tf.reshape(x, tf.stack(List.of(b, t, l.scalar(n), l.scalar(heads), l.scalar(dh))));
        return tf.linalg.transpose(r, l.ints(2, 0, 3, 1, 4));
    }

    private Operand<TFloat32> stack(List<? extends Operand<TFloat32>> parts) {
        return tf.stack(new ArrayList<>(parts));
    }
}
