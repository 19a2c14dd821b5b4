package io.h2rec.adapter.out.inference;

import io.h2rec.domain.model.WeightNames;
import io.h2rec.domain.model.ModelWeights;

/**
 * The layers of the trained graphs in plain Java, over the stacked real (unpadded) positions of a
 * batch ([rows][features], row-major, each with its own row stride): dense, layer norm, causal
 * multi-head attention. Every product is one matrix product for the whole batch. Mirrors
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

        /** One vector (load-time work: tables, cold-start rows). */
        float[] apply(float[] x) {
            float[] y = new float[out];
            Kernels.IMPL.gemv(x, w, b, y, in, out);
            return y;
        }

        /** y[r] = x[r] W + b for {@code rows} rows; with {@code accumulate}, y[r] += x[r] W + b. */
        void apply(int rows, float[] x, int xo, int ldx, float[] y, int yo, int ldy, boolean accumulate) {
            Kernels.IMPL.gemm(rows, out, in, x, xo, ldx, w, 0, out, y, yo, ldy, b, accumulate);
        }

        /** Several layers over the same input as one: [W1 | W2 | ...] and [b1 | b2 | ...]. */
        static Dense concat(Dense... parts) {
            int in = parts[0].in();
            int out = 0;
            for (Dense p : parts) {
                out += p.out();
            }
            float[] w = new float[in * out];
            float[] b = parts[0].b() == null ? null : new float[out];
            int col = 0;
            for (Dense p : parts) {
                for (int i = 0; i < in; i++) {
                    System.arraycopy(p.w(), i * p.out(), w, i * out + col, p.out());
                }
                if (b != null) {
                    System.arraycopy(p.b(), 0, b, col, p.out());
                }
                col += p.out();
            }
            return new Dense(w, b, in, out);
        }
    }

    record LayerNorm(float[] gamma, float[] beta) {
        static LayerNorm of(ModelWeights weights, String name) {
            return new LayerNorm(weights.array(WeightNames.normGain(name)).values(), weights.array(WeightNames.normBias(name)).values());
        }

        /** y[r] = LN(x[r]) for {@code rows} rows of d = gamma.length features. */
        void apply(int rows, float[] x, int xo, int ldx, float[] y, int yo, int ldy) {
            for (int r = 0; r < rows; r++) {
                Kernels.IMPL.layerNorm(x, xo + r * ldx, y, yo + r * ldy, gamma, beta, gamma.length);
            }
        }

        float[] apply(float[] x) {
            float[] y = new float[x.length];
            apply(1, x, 0, x.length, y, 0, x.length);
            return y;
        }
    }

    /** Multi-head attention's weights. */
    record Attention(Dense q, Dense k, Dense v, Dense o, int heads) {
        static Attention of(ModelWeights weights, String name, int heads, boolean qkvBias) {
            return new Attention(Dense.of(weights, WeightNames.attention(name, WeightNames.AttentionPart.Q), qkvBias), Dense.of(weights, WeightNames.attention(name, WeightNames.AttentionPart.K), qkvBias),
                    Dense.of(weights, WeightNames.attention(name, WeightNames.AttentionPart.V), qkvBias), Dense.of(weights, WeightNames.attention(name, WeightNames.AttentionPart.O), true), heads);
        }
    }

    /** Queries per block of the causal attention's products. */
    private static final int QUERY_BLOCK = 16;

    /** Where one projected matrix lives: a buffer, the offset of row 0 and the row stride. */
    record Rows(float[] data, int offset, int stride) {
    }

    /**
     * Causal attention of every sequence of the batch over already projected queries, keys and
     * values (the heads side by side in d columns); the heads' outputs, concatenated, go to out.
     * Keys and values have a row per position. With {@code lastOnly}, queries and out have one row
     * per sequence (its last position, which sees every key); otherwise a row per position, and
     * position p sees keys 0..p. Each head is two matrix products: S = Q K^T and out = softmax(S) V.
     */
    static void attend(Workspace.Batch bt, Rows q, Rows k, Rows v, Rows out, int d, int heads, boolean lastOnly,
                       Workspace ws) {
        int dh = d / heads;
        float scale = (float) (1 / Math.sqrt(dh));
        for (int s = 0; s < bt.sequences; s++) {
            int r0 = bt.start[s];
            int n = bt.length[s];
            int pad = (n + Kernels.LANES - 1) / Kernels.LANES * Kernels.LANES;   // key columns, whole registers
            int nq = lastOnly ? 1 : n;
            int q0 = lastOnly ? s : r0;
            float[] keysT = ws.get(Workspace.Buf.KEYS_T, d * pad);      // K^T of every head: [d][pad]
            float[] scores = ws.get(Workspace.Buf.SCORES, nq * pad);    // [nq][pad]
            float[] keys = k.data();
            for (int c = 0; c < d; c++) {
                int at = c * pad;
                int from = k.offset() + r0 * k.stride() + c;
                for (int j = 0; j < n; j++) {
                    keysT[at + j] = keys[from + j * k.stride()];
                }
                for (int j = n; j < pad; j++) {
                    keysT[at + j] = 0f;
                }
            }
            for (int h = 0; h < heads; h++) {
                int col = h * dh;
                // Causal: a block of queries p0.. sees keys up to its last row only, so the products stop there.
                for (int p0 = 0; p0 < nq; p0 += QUERY_BLOCK) {
                    int m = Math.min(QUERY_BLOCK, nq - p0);
                    int seen = lastOnly ? n : p0 + m;
                    int cols = Math.min(pad, (seen + Kernels.LANES - 1) / Kernels.LANES * Kernels.LANES);
                    Kernels.IMPL.gemm(m, cols, dh, q.data(), q.offset() + (q0 + p0) * q.stride() + col, q.stride(),
                            keysT, col * pad, pad, scores, p0 * pad, pad, null, false);
                    for (int p = p0; p < p0 + m; p++) {
                        Kernels.IMPL.softmax(scores, p * pad, lastOnly ? n : p + 1, seen, scale);
                    }
                    Kernels.IMPL.gemm(m, dh, seen, scores, p0 * pad, pad, v.data(), v.offset() + r0 * v.stride() + col,
                            v.stride(), out.data(), out.offset() + (q0 + p0) * out.stride() + col, out.stride(), null,
                            false);
                }
            }
        }
    }

    static void relu(float[] x, int from, int to) {
        for (int j = from; j < to; j++) {
            x[j] = Math.max(0f, x[j]);
        }
    }

    static void addInto(float[] acc, float[] x) {
        for (int j = 0; j < acc.length; j++) {
            acc[j] += x[j];
        }
    }

    static float[] relu(float[] x) {
        float[] y = x.clone();
        relu(y, 0, y.length);
        return y;
    }
}
