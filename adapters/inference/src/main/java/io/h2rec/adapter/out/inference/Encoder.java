package io.h2rec.adapter.out.inference;

import io.h2rec.domain.model.WeightNames;
import io.h2rec.adapter.out.inference.Blocks.Rows;
import io.h2rec.adapter.out.inference.Workspace.Buf;
import io.h2rec.domain.model.ModelSpec;
import io.h2rec.domain.model.ModelWeights;

import java.util.ArrayList;
import java.util.List;

/** The sequence encoder f in Java: SASRec's pre-LN blocks or the GRU, last position only. */
interface Encoder {
    /**
     * The state of each sequence's last position after the final LN, into out (row s at
     * {@code oo + s * ldo}). x holds the batch's rows, [bt.rows][d] from offset 0, and is used as
     * scratch (overwritten).
     */
    void last(Workspace.Batch bt, float[] x, Workspace ws, float[] out, int oo, int ldo);

    static Encoder of(ModelWeights w, String name) {
        return w.spec().backbone() == ModelSpec.Backbone.GRU4REC ? new Gru(w, name) : new SasRec(w, name);
    }

    /**
     * Pre-LN self-attention blocks. Every block but the last runs at every position; the last one
     * needs keys and values everywhere but a query, the FFN and the final LN at the last position
     * only. Q, K and V are one product with the three weight matrices side by side.
     */
    final class SasRec implements Encoder {
        private final List<Blocks.LayerNorm> ln1 = new ArrayList<>();
        private final List<Blocks.Dense> qkv = new ArrayList<>();
        private final List<Blocks.Attention> attention = new ArrayList<>();
        private final List<Blocks.LayerNorm> ln2 = new ArrayList<>();
        private final List<Blocks.Dense> ff1 = new ArrayList<>();
        private final List<Blocks.Dense> ff2 = new ArrayList<>();
        private final Blocks.Dense lastKv;
        private final Blocks.LayerNorm last;
        private final int d;

        SasRec(ModelWeights w, String name) {
            int blocks = w.spec().blocks();
            int heads = w.spec().heads();
            for (int b = 0; b < blocks; b++) {
                                ln1.add(Blocks.LayerNorm.of(w, WeightNames.block(name, b, WeightNames.BlockPart.LN1)));
                Blocks.Attention a = Blocks.Attention.of(w, WeightNames.block(name, b, WeightNames.BlockPart.MHA), heads, true);
                attention.add(a);
                qkv.add(Blocks.Dense.concat(a.q(), a.k(), a.v()));
                ln2.add(Blocks.LayerNorm.of(w, WeightNames.block(name, b, WeightNames.BlockPart.LN2)));
                ff1.add(Blocks.Dense.of(w, WeightNames.block(name, b, WeightNames.BlockPart.FFN1), true));
                ff2.add(Blocks.Dense.of(w, WeightNames.block(name, b, WeightNames.BlockPart.FFN2), true));
            }
            Blocks.Attention a = attention.get(blocks - 1);
            this.lastKv = Blocks.Dense.concat(a.k(), a.v());
            this.last = Blocks.LayerNorm.of(w, WeightNames.finalNorm(name));
            this.d = a.q().in();
        }

        @Override
        public void last(Workspace.Batch bt, float[] x, Workspace ws, float[] out, int oo, int ldo) {
            int rows = bt.rows;
            int blocks = attention.size();
            float[] y = ws.get(Buf.Y, rows * d);
            for (int b = 0; b < blocks - 1; b++) {
                Blocks.Attention a = attention.get(b);
                ln1.get(b).apply(rows, x, 0, d, y, 0, d);
                float[] proj = ws.get(Buf.QKV, rows * 3 * d);                       // [rows][Q | K | V]
                qkv.get(b).apply(rows, y, 0, d, proj, 0, 3 * d, false);
                float[] concat = ws.get(Buf.CONCAT, rows * d);
                Blocks.attend(bt, new Rows(proj, 0, 3 * d), new Rows(proj, d, 3 * d), new Rows(proj, 2 * d, 3 * d),
                        new Rows(concat, 0, d), d, a.heads(), false, ws);
                a.o().apply(rows, concat, 0, d, x, 0, d, true);                     // x += att
                feedForward(b, rows, x, ws);
            }
            int b = blocks - 1;
            int n = bt.sequences;
            ln1.get(b).apply(rows, x, 0, d, y, 0, d);
            float[] kv = ws.get(Buf.QKV, rows * 2 * d);                             // [rows][K | V]
            lastKv.apply(rows, y, 0, d, kv, 0, 2 * d, false);
            float[] lastY = ws.get(Buf.LAST_Y, n * d);
            float[] h = ws.get(Buf.LAST_H, n * d);
            for (int s = 0; s < n; s++) {
                System.arraycopy(y, bt.last(s) * d, lastY, s * d, d);
                System.arraycopy(x, bt.last(s) * d, h, s * d, d);
            }
            Blocks.Attention a = attention.get(b);
            float[] q = ws.get(Buf.LAST_Q, n * d);
            a.q().apply(n, lastY, 0, d, q, 0, d, false);
            float[] concat = ws.get(Buf.CONCAT, n * d);
            Blocks.attend(bt, new Rows(q, 0, d), new Rows(kv, 0, 2 * d), new Rows(kv, d, 2 * d), new Rows(concat, 0, d),
                    d, a.heads(), true, ws);
            a.o().apply(n, concat, 0, d, h, 0, d, true);
            feedForward(b, n, h, ws);
            last.apply(n, h, 0, d, out, oo, ldo);
        }

        /** x += FFN(LN2(x)) for {@code rows} rows. */
        private void feedForward(int b, int rows, float[] x, Workspace ws) {
            float[] y = ws.get(Buf.LAST_Y, rows * d);
            ln2.get(b).apply(rows, x, 0, d, y, 0, d);
            Blocks.Dense up = ff1.get(b);
            float[] hidden = ws.get(Buf.FFN, rows * up.out());
            up.apply(rows, y, 0, d, hidden, 0, up.out(), false);
            Blocks.relu(hidden, 0, rows * up.out());
            ff2.get(b).apply(rows, hidden, 0, up.out(), x, 0, d, true);
        }
    }

    /** The GRU reads its positions one after another: sequence by sequence, step by step. */
    final class Gru implements Encoder {
        private final Blocks.Dense input;
        private final Blocks.Dense recurrent;
        private final int d;
        private final Blocks.LayerNorm last;

        Gru(ModelWeights w, String name) {
            this.input = Blocks.Dense.of(w, WeightNames.gruInput(name), true);
            this.d = input.in();
            this.recurrent = new Blocks.Dense(w.array(WeightNames.gruRecurrentWeight(name)).values(), null, d, 3 * d);
            this.last = Blocks.LayerNorm.of(w, WeightNames.finalNorm(name));
        }

        @Override
        public void last(Workspace.Batch bt, float[] x, Workspace ws, float[] out, int oo, int ldo) {
            float[] a = ws.get(Buf.QKV, bt.rows * 3 * d);
            input.apply(bt.rows, x, 0, d, a, 0, 3 * d, false);                   // x_t W for every step at once
            float[] state = ws.get(Buf.LAST_H, 2 * d);
            float[] b = ws.get(Buf.LAST_Q, 3 * d);
            for (int s = 0; s < bt.sequences; s++) {
                java.util.Arrays.fill(state, 0, d, 0f);
                for (int r = bt.start[s]; r <= bt.last(s); r++) {
                    recurrent.apply(1, state, 0, d, b, 0, 3 * d, false);
                    int at = r * 3 * d;
                    for (int j = 0; j < d; j++) {
                        float z = sigmoid(a[at + j] + b[j]);
                        float g = sigmoid(a[at + d + j] + b[d + j]);
                        float c = (float) Math.tanh(a[at + 2 * d + j] + g * b[2 * d + j]);
                        state[d + j] = (1 - z) * state[j] + z * c;
                    }
                    System.arraycopy(state, d, state, 0, d);
                }
                last.apply(1, state, 0, d, out, oo + s * ldo, ldo);
            }
        }

        private static float sigmoid(float v) {
            return (float) (1 / (1 + Math.exp(-v)));
        }
    }
}
