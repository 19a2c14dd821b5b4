package io.h2rec.adapter.out.inference;

import io.h2rec.domain.model.WeightNames;
import io.h2rec.domain.model.ModelWeights;

/**
 * The forward pass of the trained graphs in plain Java over [positions][features] arrays of the
 * real (unpadded) positions only: dense, layer norm, causal multi-head attention. Mirrors
 * adapter.out.tensorflow op for op (the equivalence test holds them together).
 */
final class Blocks {
    private Blocks() {
    }

    /** y = x W (+ b); W [in][out] given flat row-major. */
    record Dense(float[] w, float[] b, int in, int out) {
        static Dense of(ModelWeights weights, String name, boolean bias) {
            ModelWeights.Array w = weights.array(WeightNames.denseWeight(name));
            return new Dense(w.values(), bias ? weights.array(WeightNames.denseBias(name)).values() : null, w.shape()[0], w.shape()[1]);
        }

        float[] apply(float[] x) {
            float[] y = new float[out];
            Kernels.IMPL.gemv(x, w, b, y, in, out);
            return y;
        }

        float[][] apply(float[][] x) {
            float[][] y = new float[x.length][];
            for (int p = 0; p < x.length; p++) {
                y[p] = apply(x[p]);
            }
            return y;
        }
    }

    record LayerNorm(float[] gamma, float[] beta) {
        static LayerNorm of(ModelWeights weights, String name) {
            return new LayerNorm(weights.array(WeightNames.normGain(name)).values(), weights.array(WeightNames.normBias(name)).values());
        }

        float[] apply(float[] x) {
            int d = x.length;
            float mean = 0;
            for (float v : x) {
                mean += v;
            }
            mean /= d;
            float var = 0;
            for (float v : x) {
                var += (v - mean) * (v - mean);
            }
            var /= d;
            float inv = (float) (1 / Math.sqrt(var + 1e-8f));
            float[] y = new float[d];
            for (int j = 0; j < d; j++) {
                y[j] = (x[j] - mean) * inv * gamma[j] + beta[j];
            }
            return y;
        }

        float[][] apply(float[][] x) {
            float[][] y = new float[x.length][];
            for (int p = 0; p < x.length; p++) {
                y[p] = apply(x[p]);
            }
            return y;
        }
    }

    /** Multi-head attention; queries may be a suffix of the key positions (the last ones). */
    record Attention(Dense q, Dense k, Dense v, Dense o, int heads) {
        static Attention of(ModelWeights weights, String name, int heads, boolean qkvBias) {
            return new Attention(Dense.of(weights, WeightNames.attention(name, WeightNames.AttentionPart.Q), qkvBias), Dense.of(weights, WeightNames.attention(name, WeightNames.AttentionPart.K), qkvBias),
                    Dense.of(weights, WeightNames.attention(name, WeightNames.AttentionPart.V), qkvBias), Dense.of(weights, WeightNames.attention(name, WeightNames.AttentionPart.O), true), heads);
        }

        /**
         * @param queries the query rows, aligned to the LAST queries.length positions of kv
         * @param kv      every real position, oldest first; query p attends to kv positions <= p
         */
        float[][] apply(float[][] queries, float[][] kv) {
            return attend(q.apply(queries), k.apply(kv), v.apply(kv));
        }

        /** The attention and output projection over already projected queries, keys and values. */
        float[][] attend(float[][] qs, float[][] ks, float[][] vs) {
            int n = ks.length;
            int nq = qs.length;
            int offset = n - nq;
            int d = q.out();
            int dh = d / heads;
            float scale = (float) (1 / Math.sqrt(dh));
            float[][] out = new float[nq][];
            float[] weights = new float[n];
            for (int p = 0; p < nq; p++) {
                int visible = offset + p + 1;
                float[] concat = new float[d];
                for (int h = 0; h < heads; h++) {
                    int from = h * dh;
                    float max = Float.NEGATIVE_INFINITY;
                    for (int j = 0; j < visible; j++) {
                        weights[j] = Kernels.IMPL.dot(qs[p], from, ks[j], from, dh) * scale;
                        max = Math.max(max, weights[j]);
                    }
                    float sum = 0;
                    for (int j = 0; j < visible; j++) {
                        weights[j] = (float) Math.exp(weights[j] - max);
                        sum += weights[j];
                    }
                    for (int j = 0; j < visible; j++) {
                        Kernels.IMPL.axpy(weights[j] / sum, vs[j], from, concat, from, dh);
                    }
                }
                out[p] = o.apply(concat);
            }
            return out;
        }
    }

    static void addInto(float[] acc, float[] x) {
        for (int j = 0; j < acc.length; j++) {
            acc[j] += x[j];
        }
    }

    static float[] relu(float[] x) {
        float[] y = new float[x.length];
        for (int j = 0; j < x.length; j++) {
            y[j] = Math.max(0f, x[j]);
        }
        return y;
    }
}
