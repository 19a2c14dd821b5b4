package io.h2rec.adapter.out.tensorflow;

import io.h2rec.domain.model.WeightNames;
import io.h2rec.domain.model.ModelSpec;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Stack;
import org.tensorflow.op.core.ReduceMax;
import org.tensorflow.op.train.BatchMatMul;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

import java.util.List;

/**
 * What every recommendation graph shares: the input placeholders (left-padded sequences, next
 * items, negatives), padding masks, the learned position table, the next-item loss (BCE with one
 * negative per position, or sampled softmax over shared negatives) and scoring. A model supplies
 * its states u_t and item vectors; the score is their dot product.
 */
abstract class RecGraph {

    final Ops tf;
    final Layers l;
    final ModelSpec c;
    final int numItems;
    final int t;
    /** D: the size of user and item vectors (d, or 2d for H2Rec). */
    final int dim;
    final Placeholder<TInt32> seq;        // [B, T] item indices, 0 = padding on the left
    final Placeholder<TInt32> pos;        // [B, T] next item per position (0 where none)
    final Placeholder<TInt32> neg;        // [B, T] one negative per position (bce)
    final Placeholder<TInt32> negatives;  // [S] negatives shared by the batch (sampled_softmax)
    /**
     * Real positions in an average batch of the epoch: the next-item loss is summed over a batch's
     * positions and divided by this constant, so every position weighs the same whatever the batch
     * it falls in (batches are grouped by length and hold very different numbers of positions).
     */
    final Placeholder<TFloat32> positionsPerBatch;
    final Operand<TFloat32> mask;         // [B, T, 1]
    final Operand<TFloat32> keyBias;      // [B, 1, 1, T]
    final Variable<TFloat32> positions;   // [T, d]
    private Operand<TFloat32> states;
    private Operand<TFloat32> loss;
    private Operand<TFloat32> scores;
    private Operand<TFloat32> lastStates;
    /** The items the full softmax (ce) normalises over; null: the whole catalogue. */
    private int[] softmaxItems;

    RecGraph(Layers l, ModelSpec c, int numItems, int dim) {
        this.tf = l.tf;
        this.l = l;
        this.c = c;
        this.numItems = numItems;
        this.t = c.maxLen();
        this.dim = dim;
        // [B, T'] with T' <= T: a batch is padded to its longest sequence (or to T for the GRU).
        Placeholder.Options bt = Placeholder.shape(Shape.of(-1, -1));
        this.seq = tf.withName("seq").placeholder(TInt32.class, bt);
        this.pos = tf.withName("pos").placeholder(TInt32.class, bt);
        this.neg = tf.withName("neg").placeholder(TInt32.class, bt);
        this.negatives = tf.withName("negatives").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
        this.positionsPerBatch = tf.withName("positions_per_batch").placeholder(TFloat32.class,
                Placeholder.shape(Shape.scalar()));
        Operand<TFloat32> m = tf.dtypes.cast(tf.math.notEqual(seq, l.scalar(0)), TFloat32.class);
        this.mask = tf.expandDims(m, l.ints(-1));
        this.keyBias = l.keyBias(m);
        int d = c.hidden();
        this.positions = l.params.weight(WeightNames.POSITIONS, new int[] {t, d}, l.params.xavier(t, d));
    }

    /**
     * u_t for {@link #seq}: [B, T, D], or [B, 1, D] (the last position) when {@code lastOnly}.
     * Called twice: for the training chain (with dropout) and for the scoring chain (without).
     */
    protected abstract Operand<TFloat32> buildStates(boolean lastOnly);

    /** Item vectors of {@code ids}: [..., D]. */
    abstract Operand<TFloat32> itemVectors(Operand<TInt32> ids);

    /** s(i) with the training-only dropout of sid_dropout (none when scoring or at rate 0). */
    final Operand<TFloat32> sidDropout(Operand<TFloat32> s) {
        return c.sidDropout() > 0 ? l.dropoutFixed(s, (float) c.sidDropout()) : s;
    }

    /**
     * Restricts the full softmax (ce) to {@code items}, before {@link #loss()} is built. Under a temporal
     * split these are the items seen before t1: an item first seen later must not be a softmax class
     * (the model would learn it exists and push it down), as it is never a sampled negative either.
     */
    final void softmaxOver(int[] items) {
        if (loss != null) {
            throw new IllegalStateException("the loss is already built");
        }
        this.softmaxItems = items.clone();
    }

    /** Extra training terms (H2Rec's alignment losses), or null. */
    protected Operand<TFloat32> auxiliaryLoss() {
        return null;
    }

    /** Feeds for extra placeholders of one training batch; created tensors go to {@code owned}. */
    void feedExtra(Session.Runner runner, TrainingBatches.Batch batch, List<Tensor> owned) {
    }

    /**
     * Dropout(sqrt(d) e + Pos) at real positions, zero at padding: [B, T', d]. A batch padded to
     * T' uses the last T' rows of the position table, as its slots are the last T' of T.
     */
    final Operand<TFloat32> stream(Operand<TFloat32> embedded) {
        Operand<TInt32> len = l.dim(seq, 1);
        Operand<TFloat32> pos = tf.slice(positions, tf.stack(List.of(tf.math.sub(l.scalar(t), len), l.scalar(0))),
                tf.stack(List.of(len, l.scalar(c.hidden()))));
        Operand<TFloat32> x = tf.math.add(tf.math.mul(embedded, l.c((float) Math.sqrt(c.hidden()))), pos);
        return tf.math.mul(l.dropout(x), mask);
    }

    /** The length a batch is padded to: its longest sequence, or T for the GRU (unrolled over T). */
    final int paddedLength(int longest) {
        return c.backbone() == ModelSpec.Backbone.GRU4REC ? t : Math.max(1, Math.min(t, longest));
    }

    /** The training chain's states, every position: [B, T, D]. */
    final Operand<TFloat32> states() {
        if (states == null) {
            l.training = true;
            states = buildStates(false);
        }
        return states;
    }

    /** [B, D]: the scoring chain's state at the last position (sequences are left-padded). */
    final Operand<TFloat32> userVector() {
        if (lastStates == null) {
            l.training = false;
            lastStates = buildStates(true);
            l.training = true;
        }
        return tf.reshape(lastStates, l.ints(-1, dim));
    }

    /** [N+1, D]. */
    final Operand<TFloat32> allItemVectors() {
        return itemVectors(tf.range(tf.constant(0), tf.constant(numItems + 1), tf.constant(1)));
    }

    /** [B, N+1] scores of every item for every sequence of the batch (built once). */
    final Operand<TFloat32> scores() {
        if (scores == null) {
            Operand<TFloat32> user = userVector();
            l.training = false;                 // item vectors without training-only dropout (sid_dropout)
            Operand<TFloat32> items = allItemVectors();
            l.training = true;
            scores = tf.withName("scores").linalg.matMul(user, items, MatMul.transposeB(true));
        }
        return scores;
    }

    final Operand<TFloat32> loss() {
        if (loss != null) {
            return loss;
        }
        Operand<TFloat32> u = states();
        Operand<TFloat32> valid = tf.dtypes.cast(tf.math.notEqual(pos, l.scalar(0)), TFloat32.class); // [B, T]
        // Built for every loss, ce too (which takes its target logit from the softmax's own columns): its dropout
        // sites are numbered before the later ones (Layers.dropout), so leaving it out under ce would move every
        // later mask of a ce run with sid_dropout and part it from its ledger runs.
        Operand<TFloat32> pl = tf.reduceSum(tf.math.mul(u, itemVectors(pos)), l.ints(-1));         // [B, T]
        Operand<TFloat32> total = switch (c.loss()) {
            case BCE -> {
                Operand<TFloat32> nl = tf.reduceSum(tf.math.mul(u, itemVectors(neg)), l.ints(-1));
                yield masked(tf.math.add(tf.math.softplus(tf.math.neg(pl)), tf.math.softplus(nl)), valid);
            }
            case SAMPLED_SOFTMAX -> {
                // Rows are positions: [B*T, 1+S]. TensorFlow's C++ gradient of LogSoftmax sums over axis 1,
                // which is the class axis only for a 2-D input (on [B, T, S] it summed over positions and
                // the loss climbed every epoch), so the logits stay 2-D.
                Operand<TFloat32> logits = tf.concat(List.of(tf.reshape(pl, l.ints(-1, 1)), sharedNegativeLogits(u)),
                        l.scalar(1));
                Operand<TFloat32> logp = tf.nn.logSoftmax(logits);
                yield masked(tf.reshape(tf.math.neg(tf.slice(logp, l.ints(0, 0), l.ints(-1, 1))), tf.shape(pos)), valid);
            }
            case GBCE -> {
                // gSASRec (Petrov and Macdonald, 2023): BCE over S negatives with the positive's probability
                // raised to beta = alpha (t (1 - 1/alpha) + 1/alpha), alpha = S / (N - 1) the sampling rate;
                // -log sigma(s)^beta = beta softplus(-s); t = 0 is plain BCE. Each sequence draws its own S
                // negatives ([B, S], shared by its positions): with negatives shared by the whole batch every
                // drawn item took the push of B*T positions at once and training collapsed. Averaged over the
                // 1 + S logits as gSASRec's code does, so the loss stays on BCE's scale and H2Rec's alignment
                // weights keep their meaning.
                double alpha = Math.min(1.0, (double) c.sampledNegatives() / Math.max(1, numItems - 1));
                float beta = (float) (alpha * (c.gbceT() * (1 - 1 / alpha) + 1 / alpha));
                Operand<TInt32> rowNeg = tf.reshape(negatives, l.ints(-1, c.sampledNegatives()));       // [B, S]
                Operand<TFloat32> nl = tf.train.batchMatMul(u, itemVectors(rowNeg), TFloat32.class, BatchMatMul.adjY(true)); // [B, T, S]
                Operand<TFloat32> hit = tf.dtypes.cast(tf.math.equal(tf.expandDims(pos, l.scalar(-1)),
                        tf.expandDims(rowNeg, l.scalar(1))), TFloat32.class);                            // [B, T, S]
                nl = tf.math.sub(nl, tf.math.mul(hit, l.c(1e9f)));
                Operand<TFloat32> negTerm = tf.reduceSum(tf.math.softplus(nl), l.ints(2));                // [B, T]
                yield masked(tf.math.div(tf.math.add(tf.math.mul(tf.math.softplus(tf.math.neg(pl)), l.c(beta)), negTerm),
                        l.c(1f + c.sampledNegatives())), valid);
            }
            case CE -> {
                // Softmax over the whole catalogue, at the positions that have a target only (a batch of short
                // histories has far fewer of them than B*T): [P, N+1] logits, the padding column masked.
                Operand<TInt32> rows = tf.dtypes.cast(tf.reshape(tf.where(tf.math.notEqual(tf.reshape(pos, l.ints(-1)),
                        l.scalar(0))), l.ints(-1)), TInt32.class);                                    // [P]
                Operand<TFloat32> uv = tf.gather(tf.reshape(u, l.ints(-1, dim)), rows, l.scalar(0));   // [P, D]
                float[] padding = new float[numItems + 1];   // subtracted: masks the padding column (and unseen items)
                if (softmaxItems != null) {
                    java.util.Arrays.fill(padding, 1e9f);
                    for (int i : softmaxItems) {
                        padding[i] = 0f;
                    }
                }
                padding[0] = 1e9f;
                Operand<TFloat32> raw = tf.linalg.matMul(uv, allItemVectors(), MatMul.transposeB(true)); // [P, N+1]
                Operand<TFloat32> logits = tf.math.sub(raw, tf.constant(padding));
                Operand<TFloat32> top = tf.stopGradient(tf.reduceMax(logits, l.ints(1), ReduceMax.keepDims(true)));
                Operand<TFloat32> lse = tf.math.add(tf.reshape(top, l.ints(-1)), tf.math.log(tf.reduceSum(
                        tf.math.exp(tf.math.sub(logits, top)), l.ints(1))));                          // [P]
                // The target's logit is its column of these very logits: with sid_dropout the item vectors of
                // pl are another dropout draw than allItemVectors(), and -log softmax must use one draw.
                Operand<TInt32> targets = tf.gather(tf.reshape(pos, l.ints(-1)), rows, l.scalar(0));   // [P]
                Operand<TInt32> at = tf.stack(List.of(tf.range(l.scalar(0), tf.size(rows), l.scalar(1)), targets),
                        Stack.axis(1L));                                                              // [P, 2]
                Operand<TFloat32> target = tf.gatherNd(raw, at);                                      // [P]
                yield tf.reduceSum(tf.math.sub(lse, target), l.ints(0));
            }
        };
        Operand<TFloat32> rec = tf.math.div(total, tf.math.maximum(positionsPerBatch, l.c(1f)));
        l.training = true;
        Operand<TFloat32> aux = auxiliaryLoss();
        loss = aux == null ? rec : tf.math.add(rec, aux);
        return loss;
    }

    /** Sum over a batch's real positions: perPosition and valid are [B, T]. */
    private Operand<TFloat32> masked(Operand<TFloat32> perPosition, Operand<TFloat32> valid) {
        return tf.reduceSum(tf.math.mul(perPosition, valid), l.ints(0, 1));
    }

    /**
     * [B*T, S] logits of the batch's shared negatives at every position; a negative that happens to be the
     * position's own target is pushed to -1e9 ("accidental hit"), which both softmax and BCE then ignore.
     */
    private Operand<TFloat32> sharedNegativeLogits(Operand<TFloat32> u) {
        Operand<TInt32> flatPos = tf.reshape(pos, l.ints(-1, 1));                                      // [B*T, 1]
        Operand<TFloat32> nl = tf.linalg.matMul(tf.reshape(u, l.ints(-1, dim)), itemVectors(negatives),
                MatMul.transposeB(true));                                                                 // [B*T, S]
        Operand<TFloat32> hit = tf.dtypes.cast(tf.math.equal(flatPos, tf.expandDims(negatives, l.ints(0))),
                TFloat32.class);
        return tf.math.sub(nl, tf.math.mul(hit, l.c(1e9f)));
    }
}
