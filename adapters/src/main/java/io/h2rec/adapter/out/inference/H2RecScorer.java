package io.h2rec.adapter.out.inference;

import io.h2rec.domain.model.WeightNames;
import io.h2rec.domain.model.ModelSpec;
import io.h2rec.domain.model.ModelWeights;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * H2Rec's forward pass in Java (h2rec-model.md §3): streams, gate, per-level SID->HID and
 * HID->SID cross-attention, the encoder on both branches, u = [f(Z^H); f(Z^S)] against item
 * vectors [h(i); s(i)].
 */
final class H2RecScorer extends SequenceModel {
    private final int d;
    private final int levels;
    private final float[] positions;
    private final float[] hid;              // [(N+1) * d]; cold-start rows are zero
    private final float[] fused;            // [(N+1) * d]
    private final float[][] level;          // [L][(N+1) * d]
    private final SidTables sid;
    private final Encoder encoderH;
    private final Encoder encoderS;
    private final List<ProjectedAttention> levelAttention = new ArrayList<>();  // SID level l -> HID
    private final ProjectedAttention hidToSid;
    private final Blocks.Dense gate1;
    private final Blocks.Dense gate2;
    private final boolean uniformGate;
    private final boolean crossAttention;
    private final boolean caResidual;
    private final float[] prior;

    H2RecScorer(ModelWeights w) {
        this(w, new Tables(w));
    }

    /** The per-item input tables and the item matrix [h(i); s(i)] of the training items. */
    private record Tables(float[] hid, float[] fused, float[][] level, float[] items, SidTables sid) {
        Tables(ModelWeights w) {
            this(w.array(WeightNames.HID).values(), new SidTables(w), SidTables.codes(w), w.spec().hidden());
        }

        private Tables(float[] hid, SidTables sid, int[][] codes, int d) {
            this(hid, new float[codes.length * d], new float[sid.codeLevels()][sid.hasLevels() ? codes.length * d : 0],
                    new float[codes.length * 2 * d], sid);
            for (int i = 0; i < codes.length; i++) {
                System.arraycopy(sid.fused(codes[i]), 0, fused, i * d, d);
                for (int l = 0; l < level.length && sid.hasLevels(); l++) {
                    System.arraycopy(sid.level(codes[i], l), 0, level[l], i * d, d);
                }
                System.arraycopy(hid, i * d, items, i * 2 * d, d);
                System.arraycopy(fused, i * d, items, i * 2 * d + d, d);
            }
        }
    }

    private H2RecScorer(ModelWeights w, Tables t) {
        super(w.spec().maxLen(), w.intConfig("num_items"), 2 * w.spec().hidden(), t.items());
        this.d = w.spec().hidden();
        this.positions = w.array(WeightNames.POSITIONS).values();
        this.hid = t.hid();
        this.fused = t.fused();
        this.level = t.level();
        this.sid = t.sid();
        this.levels = sid.codeLevels();
        this.encoderH = Encoder.of(w, WeightNames.ENCODER);
        ModelSpec spec = w.spec();
        this.encoderS = spec.sharedEncoder() ? encoderH : Encoder.of(w, WeightNames.ENCODER_SID);
        int caHeads = w.spec().caHeads();
        this.uniformGate = spec.gate() == ModelSpec.Gate.UNIFORM;
        this.crossAttention = spec.crossAttention();
        this.caResidual = spec.caResidual();
        int maxLen = w.spec().maxLen();
        for (int l = 0; crossAttention && l < levels; l++) {
            levelAttention.add(new ProjectedAttention(Blocks.Attention.of(w, WeightNames.CA_LEVEL + l, caHeads, false),
                    level[l], hid, positions, maxLen, d));
        }
        this.hidToSid = crossAttention ? new ProjectedAttention(Blocks.Attention.of(w, WeightNames.CA_HID_SID, caHeads, false),
                hid, fused, positions, maxLen, d) : null;
        this.gate1 = uniformGate ? null : Blocks.Dense.of(w, WeightNames.GATE1, true);
        this.gate2 = uniformGate ? null : Blocks.Dense.of(w, WeightNames.GATE2, true);
        this.prior = new float[levels];
        for (int l = 0; l < levels; l++) {
            prior[l] = levels == 1 ? 1f : (float) (1.0 - 0.8 * l / (levels - 1));
        }
    }

    /** A copy knowing new items: zero hash-ID rows, SID rows from their codes. */
    private H2RecScorer(H2RecScorer base, List<int[]> codes) {
        super(base.maxLen, base.numItems + codes.size(), base.dim, base.appendRows(codes));
        this.d = base.d;
        this.levels = base.levels;
        this.positions = base.positions;
        this.sid = base.sid;
        List<float[]> zero = new ArrayList<>();
        List<float[]> fusedRows = new ArrayList<>();
        List<List<float[]>> levelRows = new ArrayList<>();
        for (int l = 0; l < levels; l++) {
            levelRows.add(new ArrayList<>());
        }
        for (int[] c : codes) {
            zero.add(new float[d]);
            fusedRows.add(sid.fused(c));
            for (int l = 0; l < levels && sid.hasLevels(); l++) {
                levelRows.get(l).add(sid.level(c, l));
            }
        }
        this.hid = append(base.hid, zero, d);
        this.fused = append(base.fused, fusedRows, d);
        this.level = new float[levels][];
        for (int l = 0; l < levels; l++) {
            this.level[l] = sid.hasLevels() ? append(base.level[l], levelRows.get(l), d) : base.level[l];
        }
        this.encoderH = base.encoderH;
        this.encoderS = base.encoderS;
        for (int l = 0; l < base.levelAttention.size(); l++) {
            levelAttention.add(base.levelAttention.get(l).extended(levelRows.get(l), zero));
        }
        this.hidToSid = base.hidToSid == null ? null : base.hidToSid.extended(zero, fusedRows);
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
    SequenceModel extended(List<int[]> codes) {
        return new H2RecScorer(this, codes);
    }

    @Override
    float[] userVector(int[] history) {
        int n = history.length;
        float[][] xH = stream(rows(hid, history, d), positions, maxLen, d);
        float[][] xS = stream(rows(fused, history, d), positions, maxLen, d);
        float[][] zH;
        float[][] zS;
        if (crossAttention) {
            float[][] alpha = new float[n][];          // the gate per position (docs/h2rec.md)
            for (int p = 0; p < n; p++) {
                alpha[p] = gate(xH[p]);
            }
            zH = new float[n][d];
            for (int l = 0; l < levels; l++) {
                float[][] ca = levelAttention.get(l).apply(history);
                for (int p = 0; p < n; p++) {
                    Kernels.IMPL.axpy(alpha[p][l], ca[p], 0, zH[p], 0, d);
                }
            }
            zS = hidToSid.apply(history);
            if (caResidual) {
                for (int p = 0; p < n; p++) {
                    for (int j = 0; j < d; j++) {
                        zH[p][j] += xH[p][j];
                        zS[p][j] += xS[p][j];
                    }
                }
            }
        } else {
            zH = xH;
            zS = xS;
        }
        float[] u = new float[dim];
        System.arraycopy(encoderH.last(zH), 0, u, 0, d);
        System.arraycopy(encoderS.last(zS), 0, u, d, d);
        return u;
    }

    private float[] gate(float[] q) {
        float[] alpha = new float[levels];
        if (uniformGate) {
            Arrays.fill(alpha, 1f / levels);
            return alpha;
        }
        float[] in = Arrays.copyOf(q, d + levels);
        System.arraycopy(prior, 0, in, d, levels);
        float[] g = gate2.apply(Blocks.relu(gate1.apply(in)));
        float max = Float.NEGATIVE_INFINITY;
        for (int l = 0; l < levels; l++) {
            g[l] += prior[l];
            max = Math.max(max, g[l]);
        }
        float sum = 0;
        for (int l = 0; l < levels; l++) {
            alpha[l] = (float) Math.exp(g[l] - max);
            sum += alpha[l];
        }
        for (int l = 0; l < levels; l++) {
            alpha[l] /= sum;
        }
        return alpha;
    }
}
