package io.h2rec.adapter.out.inference;

import io.h2rec.domain.model.WeightNames;
import io.h2rec.domain.model.ModelSpec;
import io.h2rec.domain.model.ModelWeights;

import java.util.ArrayList;
import java.util.List;

/** The sequence encoder f in Java: SASRec's pre-LN blocks or the GRU, last position only. */
interface Encoder {
    /** x: real positions oldest first -> the state of the last one after the final LN. */
    float[] last(float[][] x);

    static Encoder of(ModelWeights w, String name) {
        return w.spec().backbone() == ModelSpec.Backbone.GRU4REC ? new Gru(w, name) : new SasRec(w, name);
    }

    final class SasRec implements Encoder {
        private final List<Blocks.LayerNorm> ln1 = new ArrayList<>();
        private final List<Blocks.Attention> attention = new ArrayList<>();
        private final List<Blocks.LayerNorm> ln2 = new ArrayList<>();
        private final List<Blocks.Dense> ff1 = new ArrayList<>();
        private final List<Blocks.Dense> ff2 = new ArrayList<>();
        private final Blocks.LayerNorm last;

        SasRec(ModelWeights w, String name) {
            int blocks = w.spec().blocks();
            int heads = w.spec().heads();
            for (int b = 0; b < blocks; b++) {
                                ln1.add(Blocks.LayerNorm.of(w, WeightNames.block(name, b, WeightNames.BlockPart.LN1)));
                attention.add(Blocks.Attention.of(w, WeightNames.block(name, b, WeightNames.BlockPart.MHA), heads, true));
                ln2.add(Blocks.LayerNorm.of(w, WeightNames.block(name, b, WeightNames.BlockPart.LN2)));
                ff1.add(Blocks.Dense.of(w, WeightNames.block(name, b, WeightNames.BlockPart.FFN1), true));
                ff2.add(Blocks.Dense.of(w, WeightNames.block(name, b, WeightNames.BlockPart.FFN2), true));
            }
            this.last = Blocks.LayerNorm.of(w, WeightNames.finalNorm(name));
        }

        @Override
        public float[] last(float[][] x) {
            int blocks = attention.size();
            for (int b = 0; b < blocks; b++) {
                float[][] y = ln1.get(b).apply(x);
                boolean lastBlock = b == blocks - 1;
                float[][] queries = lastBlock ? new float[][] {y[y.length - 1]} : y;
                float[][] att = attention.get(b).apply(queries, y);
                float[][] next = new float[queries.length][];
                for (int p = 0; p < queries.length; p++) {
                    float[] h = x[x.length - queries.length + p].clone();
                    Blocks.addInto(h, att[p]);
                    float[] f = ff2.get(b).apply(Blocks.relu(ff1.get(b).apply(ln2.get(b).apply(h))));
                    Blocks.addInto(h, f);
                    next[p] = h;
                }
                x = next;
            }
            return last.apply(x[x.length - 1]);
        }
    }

    final class Gru implements Encoder {
        private final Blocks.Dense input;
        private final float[] recurrent;
        private final int d;
        private final Blocks.LayerNorm last;

        Gru(ModelWeights w, String name) {
            this.input = Blocks.Dense.of(w, WeightNames.gruInput(name), true);
            this.recurrent = w.array(WeightNames.gruRecurrentWeight(name)).values();
            this.d = input.in();
            this.last = Blocks.LayerNorm.of(w, WeightNames.finalNorm(name));
        }

        @Override
        public float[] last(float[][] x) {
            float[] h = new float[d];
            Blocks.Dense hu = new Blocks.Dense(recurrent, null, d, 3 * d);
            for (float[] xt : x) {
                float[] a = input.apply(xt);
                float[] b = hu.apply(h);
                float[] next = new float[d];
                for (int j = 0; j < d; j++) {
                    float z = sigmoid(a[j] + b[j]);
                    float r = sigmoid(a[d + j] + b[d + j]);
                    float n = (float) Math.tanh(a[2 * d + j] + r * b[2 * d + j]);
                    next[j] = (1 - z) * h[j] + z * n;
                }
                h = next;
            }
            return last.apply(h);
        }

        private static float sigmoid(float v) {
            return (float) (1 / (1 + Math.exp(-v)));
        }
    }
}
