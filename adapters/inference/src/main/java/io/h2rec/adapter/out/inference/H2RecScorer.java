package io.h2rec.adapter.out.inference;

import io.h2rec.domain.model.WeightNames;
import io.h2rec.adapter.out.inference.Blocks.Rows;
import io.h2rec.adapter.out.inference.Workspace.Buf;
import io.h2rec.domain.model.ModelSpec;
import io.h2rec.domain.model.ModelWeights;
import io.h2rec.domain.model.ScorePart;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * H2Rec's forward pass in Java (h2rec-model.md §3): streams, gate, per-level SID->HID and
 * HID->SID cross-attention, the encoder on both branches, u = [f(Z^H); f(Z^S)] against item
 * vectors [h(i); s(i)].
 *
 * <p>Cost at a full history (T = 50, d = 64, 4 levels) is products of the stacked positions with
 * d-wide weights, so they run as matrix products over the whole micro-batch: the keys and values of
 * the four level cross-attentions and the HID->SID query are one product of the HID stream with
 * their nine weight matrices side by side. A level's queries depend on the item only through its
 * code at that level, so sqrt(d) s_l(code) W_q is a table of K rows per level, computed at load
 * and small enough to stay in cache; per-item projection tables (15 of N rows) cost more in cache
 * misses than the products they saved.
 */
final class H2RecScorer extends SequenceModel {
    private final int d;
    private final int levels;
    private final float[] positions;
    private final float[] hidScaled;        // sqrt(d) h(i): the HID stream's table; cold-start rows are zero
    private final float[] fusedScaled;      // sqrt(d) s(i): the SID stream's table
    private final int[] codes;              // [(N+1) * L]
    private final SidTables sid;
    private final Encoder encoderH;
    private final Encoder encoderS;
    private final List<Blocks.Attention> levelAttention = new ArrayList<>();  // SID level l -> HID
    private final Blocks.Attention hidToSid;
    private final float[][] levelQueries;   // [L][K * d]: sqrt(d) s_l(code) W_q^l
    private final float[][] positionQueries; // [L][T * d]: Pos W_q^l
    private final Blocks.Dense fromHid;     // [d][9d]: K_l, V_l of every level, then Q of HID->SID
    private final Blocks.Dense fromSid;     // [d][2d]: K, V of HID->SID
    private final Blocks.Dense gate1;       // [d][G]: the rows of gate1 that read the HID stream
    private final Blocks.Dense gate2;
    private final boolean uniformGate;
    private final boolean crossAttention;
    private final boolean caResidual;
    private final float[] prior;

    H2RecScorer(ModelWeights w) {
        this(w, new SidTables(w), SidTables.codes(w), w.spec().hidden());
    }

    private H2RecScorer(ModelWeights w, SidTables sid, int[][] codes, int d) {
        super(w.spec().maxLen(), w.intConfig("num_items"), 2 * d, itemMatrix(w.array(WeightNames.HID).values(), sid, codes, d));
        this.d = d;
        this.sid = sid;
        this.levels = sid.codeLevels();
        this.positions = w.array(WeightNames.POSITIONS).values();
        this.hidScaled = scaled(w.array(WeightNames.HID).values(), d);
        float[] fused = new float[(numItems + 1) * d];
        this.codes = new int[(numItems + 1) * levels];
        for (int i = 0; i <= numItems; i++) {
            System.arraycopy(items, i * dim + d, fused, i * d, d);
            System.arraycopy(codes[i], 0, this.codes, i * levels, levels);
        }
        this.fusedScaled = scaled(fused, d);
        this.encoderH = Encoder.of(w, WeightNames.ENCODER);
        ModelSpec spec = w.spec();
        this.encoderS = spec.sharedEncoder() ? encoderH : Encoder.of(w, WeightNames.ENCODER_SID);
        int caHeads = w.spec().caHeads();
        this.uniformGate = spec.gate() == ModelSpec.Gate.UNIFORM;
        this.crossAttention = spec.crossAttention();
        this.caResidual = spec.caResidual();
        List<Blocks.Dense> hidSide = new ArrayList<>();
        this.levelQueries = new float[crossAttention ? levels : 0][];
        this.positionQueries = new float[levelQueries.length][];
        for (int l = 0; crossAttention && l < levels; l++) {
            Blocks.Attention a = Blocks.Attention.of(w, WeightNames.CA_LEVEL + l, caHeads, false);
            levelAttention.add(a);
            hidSide.add(a.k());
            hidSide.add(a.v());
            levelQueries[l] = project(a.q(), scaled(sid.levelTable(l), d), d);
            positionQueries[l] = project(a.q(), positions, d);
        }
        this.hidToSid = crossAttention ? Blocks.Attention.of(w, WeightNames.CA_HID_SID, caHeads, false) : null;
        if (crossAttention) {
            hidSide.add(hidToSid.q());
        }
        this.fromHid = crossAttention ? Blocks.Dense.concat(hidSide.toArray(Blocks.Dense[]::new)) : null;
        this.fromSid = crossAttention ? Blocks.Dense.concat(hidToSid.k(), hidToSid.v()) : null;
        this.prior = new float[levels];
        for (int l = 0; l < levels; l++) {
            prior[l] = levels == 1 ? 1f : (float) (1.0 - 0.8 * l / (levels - 1));
        }
        this.gate1 = uniformGate ? null : streamPart(Blocks.Dense.of(w, WeightNames.GATE1, true), prior, d);
        this.gate2 = uniformGate ? null : Blocks.Dense.of(w, WeightNames.GATE2, true);
    }

    /** The item matrix [h(i); s(i)] of the training items. */
    private static float[] itemMatrix(float[] hid, SidTables sid, int[][] codes, int d) {
        float[] items = new float[codes.length * 2 * d];
        for (int i = 0; i < codes.length; i++) {
            System.arraycopy(hid, i * d, items, i * 2 * d, d);
            System.arraycopy(sid.fused(codes[i]), 0, items, i * 2 * d + d, d);
        }
        return items;
    }

    /** rows [r][d] x W, without W's bias. */
    private static float[] project(Blocks.Dense w, float[] rows, int d) {
        int r = rows.length / d;
        float[] out = new float[r * w.out()];
        w.apply(r, rows, 0, d, out, 0, w.out(), false);
        if (w.b() != null) {
            throw new IllegalStateException("cross-attention queries carry no bias");
        }
        return out;
    }

    /**
     * gate1 reads [x; prior] with a constant prior: x W[0..d) + (prior W[d..d+L) + b), one product
     * with the prior's part folded into the bias.
     */
    private static Blocks.Dense streamPart(Blocks.Dense g, float[] prior, int d) {
        float[] bias = g.b().clone();
        for (int l = 0; l < prior.length; l++) {
            Kernels.IMPL.axpy(prior[l], g.w(), (d + l) * g.out(), bias, 0, g.out());
        }
        return new Blocks.Dense(Arrays.copyOf(g.w(), d * g.out()), bias, d, g.out());
    }

    /** A copy knowing new items: zero hash-ID rows, SID rows from their codes. */
    private H2RecScorer(H2RecScorer base, List<int[]> newCodes) {
        super(base.maxLen, base.numItems + newCodes.size(), base.dim, base.appendRows(newCodes));
        this.d = base.d;
        this.levels = base.levels;
        this.positions = base.positions;
        this.sid = base.sid;
        this.hidScaled = Arrays.copyOf(base.hidScaled, (numItems + 1) * d);
        this.fusedScaled = Arrays.copyOf(base.fusedScaled, (numItems + 1) * d);
        this.codes = Arrays.copyOf(base.codes, (numItems + 1) * levels);
        for (int c = 0; c < newCodes.size(); c++) {
            int item = base.numItems + 1 + c;
            System.arraycopy(scaled(sid.fused(newCodes.get(c)), d), 0, fusedScaled, item * d, d);
            System.arraycopy(newCodes.get(c), 0, codes, item * levels, levels);
        }
        this.encoderH = base.encoderH;
        this.encoderS = base.encoderS;
        this.levelAttention.addAll(base.levelAttention);
        this.hidToSid = base.hidToSid;
        this.levelQueries = base.levelQueries;
        this.positionQueries = base.positionQueries;
        this.fromHid = base.fromHid;
        this.fromSid = base.fromSid;
        this.gate1 = base.gate1;
        this.gate2 = base.gate2;
        this.uniformGate = base.uniformGate;
        this.crossAttention = base.crossAttention;
        this.caResidual = base.caResidual;
        this.prior = base.prior;
    }

    @Override
    public boolean supportsColdStart() {
        return true;
    }

    @Override
    float[] coldStartRow(int[] codes) {
        float[] row = new float[2 * d];
        System.arraycopy(sid.fused(codes), 0, row, d, d);
        return row;
    }

    @Override
    SequenceModel extended(List<int[]> newCodes) {
        return new H2RecScorer(this, newCodes);
    }

    @Override
    List<ScorePart> parts() {
        return List.of(ScorePart.HASH_ID, ScorePart.SEMANTIC_ID);
    }

    /** u^H . h(i) and u^S . s(i): the halves of the item's row [h(i); s(i)] against the halves of u. */
    @Override
    double[] split(float[] user, int item) {
        return new double[] {dot(user, 0, items, item * dim, d), dot(user, d, items, item * dim + d, d)};
    }

    @Override
    int[] semanticId(int item) {
        return Arrays.copyOfRange(codes, item * levels, (item + 1) * levels);
    }

    /** The gate at the last position (the spec's per-user gate; docs/h2rec.md); none without cross-attention. */
    @Override
    float[] gateWeights(int[] history) {
        if (!crossAttention) {
            return new float[0];
        }
        Workspace ws = Workspace.mine();
        Workspace.Batch bt = ws.batch.fill(List.of(history), 0, 1, maxLen, numItems);
        float[] x = ws.get(Buf.X_H, bt.rows * d);
        stream(bt, hidScaled, positions, x, d);
        float[] alpha = gate(bt, x, ws);
        return Arrays.copyOfRange(alpha, bt.last(0) * levels, (bt.last(0) + 1) * levels);
    }

    @Override
    void userVectors(Workspace.Batch bt, Workspace ws, float[] users) {
        int rows = bt.rows;
        float[] zH = ws.get(Buf.X_H, rows * d);        // X^H, then Z^H in place
        float[] zS = ws.get(Buf.X_S, rows * d);
        stream(bt, hidScaled, positions, zH, d);
        stream(bt, fusedScaled, positions, zS, d);
        if (crossAttention) {
            crossAttend(bt, ws, zH, zS);
        }
        encoderH.last(bt, zH, ws, users, 0, dim);
        encoderS.last(bt, zS, ws, users, d, dim);
    }

    /** Z^H = (X^H +) sum_l alpha_l CA(S_l -> X^H), Z^S = (X^S +) CA(X^H -> X^S), in place of the streams. */
    private void crossAttend(Workspace.Batch bt, Workspace ws, float[] zH, float[] zS) {
        int rows = bt.rows;
        float[] alpha = gate(bt, zH, ws);              // [rows][L]: the gate per position (docs/h2rec.md)
        int wide = fromHid.out();
        float[] hidSide = ws.get(Buf.QKV, rows * wide);  // [rows][K_0 V_0 .. K_L-1 V_L-1 Q_hs]
        fromHid.apply(rows, zH, 0, d, hidSide, 0, wide, false);
        float[] sidSide = ws.get(Buf.K, rows * 2 * d);   // [rows][K_hs V_hs]
        fromSid.apply(rows, zS, 0, d, sidSide, 0, 2 * d, false);
        if (!caResidual) {
            Arrays.fill(zH, 0, rows * d, 0f);
            Arrays.fill(zS, 0, rows * d, 0f);
        }
        float[] q = ws.get(Buf.Q, rows * d);
        float[] concat = ws.get(Buf.CONCAT, rows * d);
        float[] ca = ws.get(Buf.CA, rows * d);
        for (int l = 0; l < levels; l++) {
            for (int r = 0; r < rows; r++) {
                System.arraycopy(positionQueries[l], bt.slots[r] * d, q, r * d, d);
                Kernels.IMPL.axpy(1f, levelQueries[l], codes[bt.ids[r] * levels + l] * d, q, r * d, d);
            }
            Blocks.Attention a = levelAttention.get(l);
            Blocks.attend(bt, new Rows(q, 0, d), new Rows(hidSide, 2 * l * d, wide), new Rows(hidSide, (2 * l + 1) * d, wide),
                    new Rows(concat, 0, d), d, a.heads(), false, ws);
            a.o().apply(rows, concat, 0, d, ca, 0, d, false);
            for (int r = 0; r < rows; r++) {
                Kernels.IMPL.axpy(alpha[r * levels + l], ca, r * d, zH, r * d, d);
            }
        }
        Blocks.attend(bt, new Rows(hidSide, 2 * levels * d, wide), new Rows(sidSide, 0, 2 * d), new Rows(sidSide, d, 2 * d),
                new Rows(concat, 0, d), d, hidToSid.heads(), false, ws);
        hidToSid.o().apply(rows, concat, 0, d, zS, 0, d, true);
    }

    /** alpha [rows][L] = softmax(gate2(relu(gate1([x; prior]))) + prior) per position, or uniform. */
    private float[] gate(Workspace.Batch bt, float[] x, Workspace ws) {
        int rows = bt.rows;
        float[] alpha = ws.get(Buf.ALPHA, rows * levels);
        if (uniformGate) {
            Arrays.fill(alpha, 0, rows * levels, 1f / levels);
            return alpha;
        }
        float[] hidden = ws.get(Buf.GATE, rows * gate1.out());
        gate1.apply(rows, x, 0, d, hidden, 0, gate1.out(), false);
        Blocks.relu(hidden, 0, rows * gate1.out());
        gate2.apply(rows, hidden, 0, gate1.out(), alpha, 0, levels, false);
        for (int r = 0; r < rows; r++) {
            int at = r * levels;
            float max = Float.NEGATIVE_INFINITY;
            for (int l = 0; l < levels; l++) {
                alpha[at + l] += prior[l];
                max = Math.max(max, alpha[at + l]);
            }
            float sum = 0;
            for (int l = 0; l < levels; l++) {
                alpha[at + l] = (float) Math.exp(alpha[at + l] - max);
                sum += alpha[at + l];
            }
            for (int l = 0; l < levels; l++) {
                alpha[at + l] /= sum;
            }
        }
        return alpha;
    }
}
