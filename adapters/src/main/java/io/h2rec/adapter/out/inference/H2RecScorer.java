package io.h2rec.adapter.out.inference;

import io.h2rec.domain.model.ModelWeights;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * H2Rec's forward pass in Java (h2rec-model.md §3): streams, gate, per-level SID->HID and
 * HID->SID cross-attention, the encoder on both branches, u = [f(Z^H); f(Z^S)] against item
 * vectors [h(i); s(i)].
 */
final class H2RecScorer extends SequenceScorer {
    private final int d;
    private final int levels;
    private final float[] positions;
    private final float[] hid;              // [(N+1) * d]
    private final float[] fused;            // [(N+1) * d]
    private final float[][] level;          // [L][(N+1) * d]
    private final Encoder encoderH;
    private final Encoder encoderS;
    private final List<Blocks.Attention> levelAttention = new ArrayList<>();
    private final Blocks.Attention hidToSid;
    private final Blocks.Dense gate1;
    private final Blocks.Dense gate2;
    private final boolean uniformGate;
    private final boolean crossAttention;
    private final float[] prior;

    H2RecScorer(ModelWeights w) {
        super(w.intConfig("max_len"), w.intConfig("num_items"));
        this.d = w.intConfig("hidden");
        this.dim = 2 * d;
        this.positions = w.array("pos_emb").values();
        this.hid = w.array("hid").values();
        SidTables sid = new SidTables(w);
        this.levels = sid.codeLevels();
        int[][] codes = SidTables.codes(w);
        int n1 = numItems + 1;
        this.fused = new float[n1 * d];
        this.level = new float[levels][n1 * d];
        for (int i = 0; i < n1; i++) {
            System.arraycopy(sid.fused(codes[i]), 0, fused, i * d, d);
            for (int l = 0; l < levels && sid.hasLevels(); l++) {
                System.arraycopy(sid.level(codes[i], l), 0, level[l], i * d, d);
            }
        }
        this.items = new float[n1 * dim];
        for (int i = 0; i < n1; i++) {
            System.arraycopy(hid, i * d, items, i * dim, d);
            System.arraycopy(fused, i * d, items, i * dim + d, d);
        }
        this.encoderH = Encoder.of(w, "encoder");
        this.encoderS = Boolean.parseBoolean(w.config().get("shared_encoder")) ? encoderH : Encoder.of(w, "encoder_sid");
        int caHeads = w.intConfig("ca_heads");
        this.uniformGate = "uniform".equals(w.config().get("gate"));
        this.crossAttention = Boolean.parseBoolean(w.config().get("cross_attention"));
        for (int l = 0; crossAttention && l < levels; l++) {
            levelAttention.add(Blocks.Attention.of(w, "h2rec/ca_level" + l, caHeads, false));
        }
        this.hidToSid = crossAttention ? Blocks.Attention.of(w, "h2rec/ca_hid_sid", caHeads, false) : null;
        this.gate1 = uniformGate ? null : Blocks.Dense.of(w, "h2rec/gate1", true);
        this.gate2 = uniformGate ? null : Blocks.Dense.of(w, "h2rec/gate2", true);
        this.prior = new float[levels];
        for (int l = 0; l < levels; l++) {
            prior[l] = levels == 1 ? 1f : (float) (1.0 - 0.8 * l / (levels - 1));
        }
    }

    @Override
    float[] userVector(int[] history) {
        int n = history.length;
        float[][] xH = stream(rows(hid, history), positions, maxLen, d);
        float[][] xS = stream(rows(fused, history), positions, maxLen, d);
        float[][][] xL = new float[levels][][];
        for (int l = 0; crossAttention && l < levels; l++) {
            xL[l] = stream(rows(level[l], history), positions, maxLen, d);
        }
        float[] alpha = gate(xH[n - 1]);
        float[][] zH;
        float[][] zS;
        if (crossAttention) {
            zH = new float[n][d];
            for (int l = 0; l < levels; l++) {
                float[][] ca = levelAttention.get(l).apply(xL[l], xH);
                for (int p = 0; p < n; p++) {
                    for (int j = 0; j < d; j++) {
                        zH[p][j] += alpha[l] * ca[p][j];
                    }
                }
            }
            zS = hidToSid.apply(xH, xS);
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

    private float[][] rows(float[] table, int[] ids) {
        float[][] out = new float[ids.length][];
        for (int p = 0; p < ids.length; p++) {
            out[p] = Arrays.copyOfRange(table, ids[p] * d, (ids[p] + 1) * d);
        }
        return out;
    }
}
