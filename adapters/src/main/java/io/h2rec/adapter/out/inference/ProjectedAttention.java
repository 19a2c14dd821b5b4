package io.h2rec.adapter.out.inference;

import java.util.List;

/**
 * A cross-attention whose queries, keys and values are projections of embedding-table streams
 * X = sqrt(d) E[i] + Pos[slot]. Projection is linear, so X W = sqrt(d) (E W)[i] + (Pos W)[slot]:
 * the tables E W and Pos W are computed once per model version, and a request's Q, K and V are
 * row sums instead of d x d products per position (H2Rec's five cross-attentions were most of its
 * forward pass). Same values as {@link Blocks.Attention#apply} on the streams, to rounding.
 */
final class ProjectedAttention {
    private final Blocks.Attention attention;
    private final int d;
    private final int maxLen;
    private final Projection q;
    private final Projection k;
    private final Projection v;

    /** E W and Pos W for one projection, plus its bias. */
    private record Projection(float[] table, float[] positions, float[] bias) {
        static Projection of(Blocks.Dense w, float[] table, float[] positions, int d) {
            return new Projection(project(w, table, d), project(w, positions, d), w.b());
        }

        Projection extended(Blocks.Dense w, List<float[]> rows, int d) {
            float[] more = new float[rows.size() * d];
            for (int r = 0; r < rows.size(); r++) {
                System.arraycopy(rows.get(r), 0, more, r * d, d);
            }
            float[] projected = project(w, more, d);
            float[] out = java.util.Arrays.copyOf(table, table.length + projected.length);
            System.arraycopy(projected, 0, out, table.length, projected.length);
            return new Projection(out, positions, bias);
        }

        /** sqrt(d) (E W)[i_p] + (Pos W)[slot_p] (+ b) for the real positions of a left-padded window. */
        float[][] stream(int[] history, int maxLen, int d) {
            int n = history.length;
            float scale = (float) Math.sqrt(d);
            float[][] x = new float[n][];
            for (int p = 0; p < n; p++) {
                float[] row = new float[d];
                System.arraycopy(positions, (maxLen - n + p) * d, row, 0, d);
                Kernels.IMPL.axpy(scale, table, history[p] * d, row, 0, d);
                if (bias != null) {
                    Kernels.IMPL.axpy(1f, bias, 0, row, 0, d);
                }
                x[p] = row;
            }
            return x;
        }

        /** rows [r * d] x W, without W's bias. */
        private static float[] project(Blocks.Dense w, float[] rows, int d) {
            int r = rows.length / d;
            float[] out = new float[r * w.out()];
            for (int i = 0; i < r; i++) {
                for (int c = 0; c < d; c++) {
                    float x = rows[i * d + c];
                    if (x != 0f) {
                        Kernels.IMPL.axpy(x, w.w(), c * w.out(), out, i * w.out(), w.out());
                    }
                }
            }
            return out;
        }
    }

    /**
     * @param queryTable E of the query stream, [(N+1) * d]
     * @param kvTable    E of the key/value stream, [(N+1) * d]
     * @param positions  the shared position table, [T * d]
     */
    ProjectedAttention(Blocks.Attention attention, float[] queryTable, float[] kvTable, float[] positions,
                       int maxLen, int d) {
        this(attention, d, maxLen, Projection.of(attention.q(), queryTable, positions, d),
                Projection.of(attention.k(), kvTable, positions, d), Projection.of(attention.v(), kvTable, positions, d));
    }

    private ProjectedAttention(Blocks.Attention attention, int d, int maxLen, Projection q, Projection k, Projection v) {
        this.attention = attention;
        this.d = d;
        this.maxLen = maxLen;
        this.q = q;
        this.k = k;
        this.v = v;
    }

    /** With rows appended to the query and key/value tables (new items). */
    ProjectedAttention extended(List<float[]> queryRows, List<float[]> kvRows) {
        return new ProjectedAttention(attention, d, maxLen, q.extended(attention.q(), queryRows, d),
                k.extended(attention.k(), kvRows, d), v.extended(attention.v(), kvRows, d));
    }

    /** CA(Q = stream of the query table, KV = stream of the key/value table) over a history: [n][d]. */
    float[][] apply(int[] history) {
        return attention.attend(q.stream(history, maxLen, d), k.stream(history, maxLen, d),
                v.stream(history, maxLen, d));
    }
}
