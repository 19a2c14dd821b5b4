package io.h2rec.adapter.out.tensorflow;

import io.h2rec.domain.model.WeightNames;
import io.h2rec.domain.model.ModelSpec;
import io.h2rec.domain.model.DatasetSplit;
import io.h2rec.domain.model.SemanticSideInfo;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.op.core.ReduceMax;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * H2Rec (h2rec-model.md §2-§4): HID and SID streams, the user-intent gate over SID levels,
 * per-level SID->HID cross-attention and HID->SID cross-attention (causal), a shared encoder,
 * u = [f(Z^H); f(Z^S)] scored against [h(i); s(i)], plus L_item (code-guided alignment) and
 * L_user (masked sequence granularity).
 */
final class H2RecGraph extends RecGraph {

    private final Variable<TFloat32> hid;                  // [N+1, d]
    private final SidEmbedding sid;
    private final Encoders.SequenceEncoder encoderH;
    private final Encoders.SequenceEncoder encoderS;
    private final LevelCrossAttention levelAttention;       // null without cross-attention
    private final Layers.Attention hidToSid;
    private final Layers.Dense gate1;
    private final Layers.Dense gate2;
    private final float[] prior;
    private final Variable<TFloat32> mu;                   // [L, d]
    private final Placeholder<TInt32> alignItems;          // [U]
    private final Placeholder<TFloat32> alignMask;         // [U, U]
    private final int[][] positives;
    private final SplittableRandom alignRnd;
    private final Operand<TFloat32> causalFull;
    private Operand<TFloat32> alpha;                       // [B, L]: the gate at the last position
    private Operand<TFloat32> levelStreams;                // X^{S,l} stacked: [L, B, T, d]

    H2RecGraph(Layers l, ModelSpec c, DatasetSplit split, SemanticSideInfo side, float[] hidInit, int[][] positives,
               long seed) {
        super(l, c, split.numItems(), 2 * c.hidden());
        int d = c.hidden();
        int levels = side.levels();
        this.hid = l.params.weight(WeightNames.HID, new int[] {numItems + 1, d}, hidInit);
        boolean levelsUsed = c.crossAttention() || c.lambdaUser() > 0;
        this.sid = new SidEmbedding(l, side, c, levelsUsed, true);
        this.encoderH = Encoders.create(l, WeightNames.ENCODER, c);
        this.encoderS = c.sharedEncoder() ? encoderH : Encoders.create(l, WeightNames.ENCODER_SID, c);
        // Parameters an ablation does not use are not created (no gradient could reach them).
        this.levelAttention = c.crossAttention() ? new LevelCrossAttention(l, WeightNames.CA_LEVEL, levels, d, c.caHeads())
                : null;
        this.hidToSid = c.crossAttention() ? l.new Attention(WeightNames.CA_HID_SID, d, c.caHeads(), false, false) : null;
        boolean learnedGate = c.gate() == ModelSpec.Gate.LEARNED;
        this.gate1 = learnedGate ? l.new Dense(WeightNames.GATE1, d + levels, d / 2, true) : null;
        this.gate2 = learnedGate ? l.new Dense(WeightNames.GATE2, d / 2, levels, true) : null;
        this.prior = new float[levels];
        for (int lv = 0; lv < levels; lv++) {
            prior[lv] = levels == 1 ? 1f : (float) (1.0 - 0.8 * lv / (levels - 1)); // linspace(1.0, 0.2, L)
        }
        this.mu = c.lambdaUser() > 0
                ? l.params.weight(WeightNames.MU, new int[] {levels, d}, l.params.normal(levels * d, Math.sqrt(2.0 / (levels + d))))
                : null;
        this.alignItems = tf.withName("align_items").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
        this.alignMask = tf.withName("align_mask").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, -1)));
        if (c.lambdaItem() > 0 && positives == null) {
            throw new IllegalArgumentException("lambda_item > 0 needs the positive pairs (TrainingSideInputs)");
        }
        this.positives = c.lambdaItem() > 0 ? positives : null;
        this.alignRnd = new SplittableRandom(seed ^ 0x5DEECE66DL);
        this.causalFull = l.causalBias(t);
    }

    @Override
    Operand<TFloat32> itemVectors(Operand<TInt32> ids) {
        return tf.concat(List.of(tf.gather(hid, ids, l.scalar(0)), sidDropout(sid.fused(ids))), l.scalar(-1));
    }

    @Override
    protected Operand<TFloat32> buildStates(boolean lastOnly) {
        Operand<TFloat32> xH = stream(tf.gather(hid, seq, l.scalar(0)));
        Operand<TFloat32> xS = stream(sid.fused(seq));
        // All L level streams at once (stream() broadcasts over the leading level axis).
        Operand<TFloat32> streams = sid.hasLevels() ? stream(sid.levels(seq)) : null;       // [L, B, T, d]
        Operand<TFloat32> alpha = gate(xH);                                               // [B, T, L]
        if (l.training) {
            this.levelStreams = streams;   // L_user reuses the training chain's streams and gate
            this.alpha = l.lastStep(alpha);                                               // [B, L]: the user's
        }
        Operand<TFloat32> zH;
        Operand<TFloat32> zS;
        Operand<TFloat32> causal = l.leading(causalFull, l.dim(seq, 1));
        if (c.crossAttention()) {
            Operand<TFloat32> ca = levelAttention.apply(streams, xH, keyBias, causal);    // [L, B, T, d]
            zH = tf.reduceSum(tf.math.mul(ca, byLevelAndPosition(alpha)), l.ints(0));        // sum_l alpha_tl CA_l
            zS = hidToSid.apply(xH, xS, keyBias, causal);
            if (c.caDropout() > 0) {      // like the encoder's sublayers: dropout on the branch before the residual
                zH = l.dropoutFixed(zH, (float) c.caDropout());
                zS = l.dropoutFixed(zS, (float) c.caDropout());
            }
            if (c.caResidual()) {
                zH = tf.math.add(xH, zH);
                zS = tf.math.add(xS, zS);
            }
            zH = tf.math.mul(zH, mask);
            zS = tf.math.mul(zS, mask);
        } else {
            zH = xH;
            zS = xS;
        }
        List<Operand<TFloat32>> encoded = encodeBoth(zH, zS, lastOnly);
        return tf.concat(encoded, l.scalar(-1));
    }

    /** [f_H(a), f_S(b)]: one batched pass when the encoder is shared. */
    private List<Operand<TFloat32>> encodeBoth(Operand<TFloat32> a, Operand<TFloat32> b, boolean lastOnly) {
        if (encoderS != encoderH) {
            return List.of(encoderH.apply(a, mask, keyBias, lastOnly), encoderS.apply(b, mask, keyBias, lastOnly));
        }
        return pair(encoderH, a, b, lastOnly);
    }

    /**
     * [f(a), f(b)] for two [B, T', d] inputs of this batch, computed as one batch of 2B sequences:
     * the same values, half the ops (on a CPU a step of these small tensors costs more per op than
     * per FLOP).
     */
    private List<Operand<TFloat32>> pair(Encoders.SequenceEncoder f, Operand<TFloat32> a, Operand<TFloat32> b,
                                         boolean lastOnly) {
        Operand<TFloat32> out = f.apply(tf.concat(List.of(a, b), l.scalar(0)),
                tf.concat(List.of(mask, mask), l.scalar(0)), tf.concat(List.of(keyBias, keyBias), l.scalar(0)),
                lastOnly);                                                                  // [2B, T', d]
        var halves = tf.split(l.scalar(0), out, 2L);
        return List.of(halves.output().get(0), halves.output().get(1));
    }

    /**
     * alpha_t = softmax(MLP([q_t; b]) + b) with q_t = X^H_t, per position: [B, T', L]; uniform when so
     * configured. At the last position this is the spec's per-user gate (q = X^H at index T-1). Earlier
     * positions use their own q_t, not the last one's: with every position trained on its next item,
     * a gate read from the last item would show positions t < T-1 an item of their future
     * (docs/h2rec.md, "Decisions beyond the spec's").
     */
    private Operand<TFloat32> gate(Operand<TFloat32> xH) {
        int levels = sid.levels();
        Operand<TFloat32> zeros = tf.math.mul(tf.slice(xH, l.ints(0, 0, 0), l.ints(-1, -1, levels)), l.c(0f)); // [B, T', L]
        if (c.gate() == ModelSpec.Gate.UNIFORM) {
            return tf.math.add(zeros, tf.constant(uniform(levels)));                      // 1/L everywhere
        }
        Operand<TFloat32> b = tf.constant(prior);                                         // [L]
        Operand<TFloat32> h = l.dropoutFixed(tf.nn.relu(gate1.apply(tf.concat(List.of(xH, tf.math.add(zeros, b)),
                l.scalar(-1)))), 0.1f);
        return tf.nn.softmax(tf.math.add(gate2.apply(h), b));
    }

    private static float[] uniform(int levels) {
        float[] u = new float[levels];
        Arrays.fill(u, 1f / levels);
        return u;
    }

    /** A [B, T, L] per-position level weight as [L, B, T, 1], to scale stacked [L, B, T, d] streams. */
    private Operand<TFloat32> byLevelAndPosition(Operand<TFloat32> a) {
        return tf.expandDims(tf.linalg.transpose(a, l.ints(2, 0, 1)), l.ints(-1));
    }

    /** A [B, L] per-user level weight as [L, B, 1, 1], to broadcast over stacked [L, B, T, d] streams. */
    private Operand<TFloat32> byLevel(Operand<TFloat32> a) {
        return tf.reshape(tf.linalg.transpose(a, l.ints(1, 0)), tf.stack(List.of(l.scalar(sid.levels()),
                l.scalar(-1), l.scalar(1), l.scalar(1))));
    }

    @Override
    protected Operand<TFloat32> auxiliaryLoss() {
        Operand<TFloat32> total = null;
        if (c.lambdaItem() > 0) {
            total = tf.math.mul(itemAlignment(), l.c((float) c.lambdaItem()));
        }
        if (c.lambdaUser() > 0) {
            Operand<TFloat32> u = tf.math.mul(userAlignment(), l.c((float) c.lambdaUser()));
            total = total == null ? u : tf.math.add(total, u);
        }
        return total;
    }

    /** L_item: symmetric multi-positive InfoNCE between normalised s(i) and h(i) of the batch's targets. */
    private Operand<TFloat32> itemAlignment() {
        Operand<TFloat32> s = normalize(sid.fused(alignItems));                           // [U, d]
        Operand<TFloat32> h = normalize(tf.gather(hid, alignItems, l.scalar(0)));           // [U, d]
        Operand<TFloat32> sim = tf.math.mul(tf.linalg.matMul(s, h, MatMul.transposeB(true)), l.c((float) (1 / c.tau())));
        Operand<TFloat32> simT = tf.linalg.transpose(sim, l.ints(1, 0));
        Operand<TFloat32> maskT = tf.linalg.transpose(alignMask, l.ints(1, 0));
        return tf.math.mul(tf.math.add(multiPositive(sim, alignMask), multiPositive(simT, maskT)), l.c(0.5f));
    }

    /** -mean_b log(sum_c M_bc exp(sim_bc) / sum_c exp(sim_bc)). */
    private Operand<TFloat32> multiPositive(Operand<TFloat32> sim, Operand<TFloat32> positive) {
        Operand<TFloat32> masked = tf.math.add(sim, tf.math.mul(tf.math.sub(positive, l.c(1f)), l.c(1e9f)));
        return tf.math.mean(tf.math.sub(logSumExp(sim), logSumExp(masked)), l.scalar(0));
    }

    private Operand<TFloat32> logSumExp(Operand<TFloat32> x) {
        Operand<TFloat32> m = tf.stopGradient(tf.reduceMax(x, l.ints(-1), ReduceMax.keepDims(true)));
        return tf.math.add(tf.squeeze(m, org.tensorflow.op.core.Squeeze.axis(List.of(1L))),
                tf.math.log(tf.reduceSum(tf.math.exp(tf.math.sub(x, m)), l.ints(-1))));
    }

    private Operand<TFloat32> normalize(Operand<TFloat32> x) {
        Operand<TFloat32> sq = tf.reduceSum(tf.math.square(x), l.ints(-1), org.tensorflow.op.core.ReduceSum.keepDims(true));
        return tf.math.mul(x, tf.math.rsqrt(tf.math.maximum(sq, l.c(1e-12f))));
    }

    /**
     * L_user: mask the m = max(1, floor(L/2)) levels of lowest gate weight with learned vectors,
     * encode the gated sum with and without masking, and align the two views in-batch with soft
     * targets.
     */
    private Operand<TFloat32> userAlignment() {
        int levels = sid.levels();
        int m = Math.max(1, levels / 2);
        Operand<TFloat32> a = tf.stopGradient(alpha);                                       // [B, L]
        // rank_l = #{k: a_k < a_l} + #{k < l: a_k == a_l}; the m lowest ranks are masked.
        Operand<TFloat32> row = tf.expandDims(a, l.ints(1));                                // [B, 1, L] (k)
        Operand<TFloat32> col = tf.expandDims(a, l.ints(2));                                // [B, L, 1] (l)
        float[] lower = new float[levels * levels];
        for (int lv = 0; lv < levels; lv++) {
            for (int k = 0; k < lv; k++) {
                lower[lv * levels + k] = 1f;
            }
        }
        Operand<TFloat32> less = tf.dtypes.cast(tf.math.less(row, col), TFloat32.class);
        Operand<TFloat32> tie = tf.math.mul(tf.dtypes.cast(tf.math.equal(row, col), TFloat32.class),
                tf.constant(Shape.of(levels, levels), org.tensorflow.ndarray.buffer.DataBuffers.of(lower, true, false)));
        Operand<TFloat32> rank = tf.reduceSum(tf.math.add(less, tie), l.ints(2));            // [B, L]
        Operand<TFloat32> masked = tf.stopGradient(tf.dtypes.cast(tf.math.less(rank, l.c(m)), TFloat32.class));
        Operand<TFloat32> x = levelStreams;                                                 // [L, B, T, d]
        Operand<TFloat32> on = byLevel(masked);                                             // [L, B, 1, 1]
        Operand<TFloat32> muL = tf.reshape(mu, l.ints(levels, 1, 1, c.hidden()));            // [L, 1, 1, d]
        Operand<TFloat32> replaced = tf.math.add(tf.math.mul(on, tf.math.mul(muL, mask)),
                tf.math.mul(tf.math.sub(l.c(1f), on), x));                                  // mu_l at masked levels
        Operand<TFloat32> w = byLevel(alpha);
        Operand<TFloat32> full = tf.reduceSum(tf.math.mul(x, w), l.ints(0));                // U: [B, T, d]
        Operand<TFloat32> partial = tf.reduceSum(tf.math.mul(replaced, w), l.ints(0));      // Ũ: [B, T, d]
        List<Operand<TFloat32>> views = pair(encoderS, full, partial, true);
        Operand<TFloat32> z = flat(views.get(0));                                           // [B, d]
        Operand<TFloat32> zt = flat(views.get(1));                                          // [B, d]
        Operand<TFloat32> logits = tf.linalg.matMul(zt, z, MatMul.transposeB(true));          // [B, B]
        Operand<TFloat32> targets = tf.nn.softmax(tf.math.mul(tf.math.add(
                tf.linalg.matMul(z, z, MatMul.transposeB(true)), tf.linalg.matMul(zt, zt, MatMul.transposeB(true))),
                l.c(0.5f)));
        Operand<TFloat32> ce = softCrossEntropy(logits, targets);
        Operand<TFloat32> ceT = softCrossEntropy(tf.linalg.transpose(logits, l.ints(1, 0)),
                tf.linalg.transpose(targets, l.ints(1, 0)));
        return tf.math.mul(tf.math.add(ce, ceT), l.c(0.5f));
    }

    private Operand<TFloat32> softCrossEntropy(Operand<TFloat32> logits, Operand<TFloat32> targets) {
        Operand<TFloat32> perRow = tf.reduceSum(tf.math.mul(targets, tf.nn.logSoftmax(logits)), l.ints(-1));
        return tf.math.neg(tf.math.mean(perRow, l.scalar(0)));
    }

    private Operand<TFloat32> flat(Operand<TFloat32> lastState) {
        return tf.reshape(lastState, l.ints(-1, c.hidden()));
    }

    /** The batch's distinct targets (at most item_align_batch, sampled) and their positive mask. */
    @Override
    void feedExtra(Session.Runner runner, TrainingBatches.Batch batch, List<Tensor> owned) {
        int[] items;
        float[] maskValues;
        if (positives == null) {
            items = new int[] {1};
            maskValues = new float[] {1f};
        } else {
            items = Arrays.stream(batch.pos()).filter(i -> i > 0).distinct().toArray();
            for (int i = items.length - 1; i > 0; i--) {
                int j = alignRnd.nextInt(i + 1);
                int tmp = items[i];
                items[i] = items[j];
                items[j] = tmp;
            }
            items = Arrays.copyOf(items, Math.min(items.length, c.itemAlignBatch()));
            Map<Integer, Integer> at = new HashMap<>();
            for (int k = 0; k < items.length; k++) {
                at.put(items[k], k);
            }
            int u = items.length;
            maskValues = new float[u * u];
            for (int b = 0; b < u; b++) {
                for (int p : positives[items[b]]) {
                    Integer col = at.get(p);
                    if (col != null) {
                        maskValues[b * u + col] = 1f;
                    }
                }
            }
        }
        TInt32 itemsT = Tensors.ints(items, items.length);
        TFloat32 maskT = Tensors.floats(maskValues, items.length, items.length);
        owned.add(itemsT);
        owned.add(maskT);
        runner.feed(alignItems, itemsT).feed(alignMask, maskT);
    }
}
