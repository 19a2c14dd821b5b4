package io.h2rec.adapter.out.inference;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** {@link Kernels} on the Vector API; loaded only when the JVM has jdk.incubator.vector. */
final class VectorKernels implements Kernels.Impl {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final float[] ZEROS = new float[L];

    @Override
    public float dot(float[] a, int ao, float[] b, int bo, int n) {
        FloatVector acc0 = FloatVector.zero(S);
        FloatVector acc1 = FloatVector.zero(S);
        int i = 0;
        for (; i + 2 * L <= n; i += 2 * L) {   // two chains hide the FMA latency
            acc0 = FloatVector.fromArray(S, a, ao + i).fma(FloatVector.fromArray(S, b, bo + i), acc0);
            acc1 = FloatVector.fromArray(S, a, ao + i + L).fma(FloatVector.fromArray(S, b, bo + i + L), acc1);
        }
        for (; i + L <= n; i += L) {
            acc0 = FloatVector.fromArray(S, a, ao + i).fma(FloatVector.fromArray(S, b, bo + i), acc0);
        }
        float s = acc0.add(acc1).reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            s += a[ao + i] * b[bo + i];
        }
        return s;
    }

    @Override
    public void axpy(float alpha, float[] x, int xo, float[] y, int yo, int n) {
        FloatVector a = FloatVector.broadcast(S, alpha);
        int i = 0;
        for (; i + L <= n; i += L) {
            FloatVector.fromArray(S, x, xo + i).fma(a, FloatVector.fromArray(S, y, yo + i)).intoArray(y, yo + i);
        }
        for (; i < n; i++) {
            y[yo + i] += alpha * x[xo + i];
        }
    }

    /** Output columns in chunks of four registers: y stays in registers across all of x. */
    @Override
    public void gemv(float[] x, float[] w, float[] b, float[] y, int in, int out) {
        int c = 0;
        for (; c + 4 * L <= out; c += 4 * L) {
            FloatVector y0 = b == null ? FloatVector.zero(S) : FloatVector.fromArray(S, b, c);
            FloatVector y1 = b == null ? FloatVector.zero(S) : FloatVector.fromArray(S, b, c + L);
            FloatVector y2 = b == null ? FloatVector.zero(S) : FloatVector.fromArray(S, b, c + 2 * L);
            FloatVector y3 = b == null ? FloatVector.zero(S) : FloatVector.fromArray(S, b, c + 3 * L);
            for (int i = 0; i < in; i++) {
                FloatVector xi = FloatVector.broadcast(S, x[i]);
                int row = i * out + c;
                y0 = FloatVector.fromArray(S, w, row).fma(xi, y0);
                y1 = FloatVector.fromArray(S, w, row + L).fma(xi, y1);
                y2 = FloatVector.fromArray(S, w, row + 2 * L).fma(xi, y2);
                y3 = FloatVector.fromArray(S, w, row + 3 * L).fma(xi, y3);
            }
            y0.intoArray(y, c);
            y1.intoArray(y, c + L);
            y2.intoArray(y, c + 2 * L);
            y3.intoArray(y, c + 3 * L);
        }
        for (; c < out; c++) {   // columns left over (out not a multiple of 4 lanes)
            float s = b == null ? 0f : b[c];
            for (int i = 0; i < in; i++) {
                s += x[i] * w[i * out + c];
            }
            y[c] = s;
        }
    }

    @Override
    public void gemm(int m, int n, int k, float[] a, int ao, int lda, float[] b, int bo, int ldb, float[] c, int co,
                     int ldc, float[] bias, boolean accumulate) {
        if (accumulate && bias != null) {   // C += bias first: the tiles then start from C alone
            for (int i = 0; i < m; i++) {
                axpy(1f, bias, 0, c, co + i * ldc, n);
            }
            bias = null;
        }
        int j = 0;
        for (; j + 4 * L <= n; j += 4 * L) {   // 4 rows x 4 registers: 16 accumulators, each B load used 4 times
            int i = 0;
            for (; i + 4 <= m; i += 4) {
                tile4x4(k, a, ao + i * lda, lda, b, bo + j, ldb, c, co + i * ldc + j, ldc, bias, j, accumulate);
            }
            for (; i < m; i++) {
                tile1x4(k, a, ao + i * lda, b, bo + j, ldb, c, co + i * ldc + j, bias, j, accumulate);
            }
        }
        for (; j + L <= n; j += L) {
            int i = 0;
            for (; i + 4 <= m; i += 4) {
                tile4x1(k, a, ao + i * lda, lda, b, bo + j, ldb, c, co + i * ldc + j, ldc, bias, j, accumulate);
            }
            for (; i < m; i++) {
                FloatVector c0 = init(c, co + i * ldc + j, bias, j, accumulate);
                int ai = ao + i * lda;
                for (int p = 0; p < k; p++) {
                    c0 = FloatVector.fromArray(S, b, bo + p * ldb + j).fma(FloatVector.broadcast(S, a[ai + p]), c0);
                }
                c0.intoArray(c, co + i * ldc + j);
            }
        }
        for (; j < n; j++) {   // columns left over (n not a multiple of the lanes)
            for (int i = 0; i < m; i++) {
                int ai = ao + i * lda;
                float s = accumulate ? c[co + i * ldc + j] : bias == null ? 0f : bias[j];
                for (int p = 0; p < k; p++) {
                    s += a[ai + p] * b[bo + p * ldb + j];
                }
                c[co + i * ldc + j] = s;
            }
        }
    }

    /**
     * A tile's starting accumulator: C itself, the bias, or zeros; always one load, so the JIT sees
     * no merge of vector values (a merge made it box them: 10x slower).
     */
    private static FloatVector init(float[] c, int at, float[] bias, int col, boolean accumulate) {
        float[] from = accumulate ? c : bias == null ? ZEROS : bias;
        return FloatVector.fromArray(S, from, accumulate ? at : bias == null ? 0 : col);
    }

    private static void tile4x4(int k, float[] a, int a0, int lda, float[] b, int b0, int ldb, float[] c, int c0,
                                int ldc, float[] bias, int col, boolean acc) {
        int a1 = a0 + lda;
        int a2 = a1 + lda;
        int a3 = a2 + lda;
        int r1 = c0 + ldc;
        int r2 = r1 + ldc;
        int r3 = r2 + ldc;
        FloatVector c00 = init(c, c0, bias, col, acc);
        FloatVector c01 = init(c, c0 + L, bias, col + L, acc);
        FloatVector c02 = init(c, c0 + 2 * L, bias, col + 2 * L, acc);
        FloatVector c03 = init(c, c0 + 3 * L, bias, col + 3 * L, acc);
        FloatVector c10 = init(c, r1, bias, col, acc);
        FloatVector c11 = init(c, r1 + L, bias, col + L, acc);
        FloatVector c12 = init(c, r1 + 2 * L, bias, col + 2 * L, acc);
        FloatVector c13 = init(c, r1 + 3 * L, bias, col + 3 * L, acc);
        FloatVector c20 = init(c, r2, bias, col, acc);
        FloatVector c21 = init(c, r2 + L, bias, col + L, acc);
        FloatVector c22 = init(c, r2 + 2 * L, bias, col + 2 * L, acc);
        FloatVector c23 = init(c, r2 + 3 * L, bias, col + 3 * L, acc);
        FloatVector c30 = init(c, r3, bias, col, acc);
        FloatVector c31 = init(c, r3 + L, bias, col + L, acc);
        FloatVector c32 = init(c, r3 + 2 * L, bias, col + 2 * L, acc);
        FloatVector c33 = init(c, r3 + 3 * L, bias, col + 3 * L, acc);
        for (int p = 0; p < k; p++) {
            int row = b0 + p * ldb;
            FloatVector b0v = FloatVector.fromArray(S, b, row);
            FloatVector b1v = FloatVector.fromArray(S, b, row + L);
            FloatVector b2v = FloatVector.fromArray(S, b, row + 2 * L);
            FloatVector b3v = FloatVector.fromArray(S, b, row + 3 * L);
            FloatVector x = FloatVector.broadcast(S, a[a0 + p]);
            c00 = b0v.fma(x, c00);
            c01 = b1v.fma(x, c01);
            c02 = b2v.fma(x, c02);
            c03 = b3v.fma(x, c03);
            x = FloatVector.broadcast(S, a[a1 + p]);
            c10 = b0v.fma(x, c10);
            c11 = b1v.fma(x, c11);
            c12 = b2v.fma(x, c12);
            c13 = b3v.fma(x, c13);
            x = FloatVector.broadcast(S, a[a2 + p]);
            c20 = b0v.fma(x, c20);
            c21 = b1v.fma(x, c21);
            c22 = b2v.fma(x, c22);
            c23 = b3v.fma(x, c23);
            x = FloatVector.broadcast(S, a[a3 + p]);
            c30 = b0v.fma(x, c30);
            c31 = b1v.fma(x, c31);
            c32 = b2v.fma(x, c32);
            c33 = b3v.fma(x, c33);
        }
        c00.intoArray(c, c0);
        c01.intoArray(c, c0 + L);
        c02.intoArray(c, c0 + 2 * L);
        c03.intoArray(c, c0 + 3 * L);
        c10.intoArray(c, r1);
        c11.intoArray(c, r1 + L);
        c12.intoArray(c, r1 + 2 * L);
        c13.intoArray(c, r1 + 3 * L);
        c20.intoArray(c, r2);
        c21.intoArray(c, r2 + L);
        c22.intoArray(c, r2 + 2 * L);
        c23.intoArray(c, r2 + 3 * L);
        c30.intoArray(c, r3);
        c31.intoArray(c, r3 + L);
        c32.intoArray(c, r3 + 2 * L);
        c33.intoArray(c, r3 + 3 * L);
    }

    private static void tile1x4(int k, float[] a, int a0, float[] b, int b0, int ldb, float[] c, int c0, float[] bias,
                                int col, boolean acc) {
        FloatVector c00 = init(c, c0, bias, col, acc);
        FloatVector c01 = init(c, c0 + L, bias, col + L, acc);
        FloatVector c02 = init(c, c0 + 2 * L, bias, col + 2 * L, acc);
        FloatVector c03 = init(c, c0 + 3 * L, bias, col + 3 * L, acc);
        for (int p = 0; p < k; p++) {
            int row = b0 + p * ldb;
            FloatVector x = FloatVector.broadcast(S, a[a0 + p]);
            c00 = FloatVector.fromArray(S, b, row).fma(x, c00);
            c01 = FloatVector.fromArray(S, b, row + L).fma(x, c01);
            c02 = FloatVector.fromArray(S, b, row + 2 * L).fma(x, c02);
            c03 = FloatVector.fromArray(S, b, row + 3 * L).fma(x, c03);
        }
        c00.intoArray(c, c0);
        c01.intoArray(c, c0 + L);
        c02.intoArray(c, c0 + 2 * L);
        c03.intoArray(c, c0 + 3 * L);
    }

    private static void tile4x1(int k, float[] a, int a0, int lda, float[] b, int b0, int ldb, float[] c, int c0,
                                int ldc, float[] bias, int col, boolean acc) {
        int a1 = a0 + lda;
        int a2 = a1 + lda;
        int a3 = a2 + lda;
        FloatVector c0v = init(c, c0, bias, col, acc);
        FloatVector c1v = init(c, c0 + ldc, bias, col, acc);
        FloatVector c2v = init(c, c0 + 2 * ldc, bias, col, acc);
        FloatVector c3v = init(c, c0 + 3 * ldc, bias, col, acc);
        for (int p = 0; p < k; p++) {
            FloatVector bv = FloatVector.fromArray(S, b, b0 + p * ldb);
            c0v = bv.fma(FloatVector.broadcast(S, a[a0 + p]), c0v);
            c1v = bv.fma(FloatVector.broadcast(S, a[a1 + p]), c1v);
            c2v = bv.fma(FloatVector.broadcast(S, a[a2 + p]), c2v);
            c3v = bv.fma(FloatVector.broadcast(S, a[a3 + p]), c3v);
        }
        c0v.intoArray(c, c0);
        c1v.intoArray(c, c0 + ldc);
        c2v.intoArray(c, c0 + 2 * ldc);
        c3v.intoArray(c, c0 + 3 * ldc);
    }

    /** Four users share each loaded column of a block; a block's scores accumulate in one register. */
    @Override
    public void scan(float[] blocked, int rows, int dim, float[] users, int count, int fromBlock, int toBlock,
                     float[][] out) {
        float[] tail = new float[L];
        for (int b = fromBlock; b < toBlock; b++) {
            int base = b * dim * L;
            int at = b * L;
            boolean full = at + L <= rows;
            int u = 0;
            for (; u + 3 < count; u += 4) {
                int u0 = u * dim;
                int u1 = u0 + dim;
                int u2 = u1 + dim;
                int u3 = u2 + dim;
                FloatVector a0 = FloatVector.zero(S);
                FloatVector a1 = FloatVector.zero(S);
                FloatVector a2 = FloatVector.zero(S);
                FloatVector a3 = FloatVector.zero(S);
                for (int j = 0; j < dim; j++) {
                    FloatVector col = FloatVector.fromArray(S, blocked, base + j * L);
                    a0 = col.fma(FloatVector.broadcast(S, users[u0 + j]), a0);
                    a1 = col.fma(FloatVector.broadcast(S, users[u1 + j]), a1);
                    a2 = col.fma(FloatVector.broadcast(S, users[u2 + j]), a2);
                    a3 = col.fma(FloatVector.broadcast(S, users[u3 + j]), a3);
                }
                store(a0, out[u], at, full, rows, tail);
                store(a1, out[u + 1], at, full, rows, tail);
                store(a2, out[u + 2], at, full, rows, tail);
                store(a3, out[u + 3], at, full, rows, tail);
            }
            for (; u < count; u++) {
                int u0 = u * dim;
                FloatVector a0 = FloatVector.zero(S);
                for (int j = 0; j < dim; j++) {
                    a0 = FloatVector.fromArray(S, blocked, base + j * L).fma(FloatVector.broadcast(S, users[u0 + j]), a0);
                }
                store(a0, out[u], at, full, rows, tail);
            }
        }
    }

    private static void store(FloatVector v, float[] out, int at, boolean full, int rows, float[] tail) {
        if (full) {
            v.intoArray(out, at);
        } else {
            v.intoArray(tail, 0);
            System.arraycopy(tail, 0, out, at, rows - at);
        }
    }

    /** Whole registers only: the lanes past {@code visible} hold -inf, which exp turns into 0. */
    @Override
    public void softmax(float[] s, int at, int visible, int n, float scale) {
        int end = (visible + L - 1) / L * L;
        for (int j = visible; j < end; j++) {
            s[at + j] = Float.NEGATIVE_INFINITY;
        }
        FloatVector max = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
        for (int j = 0; j < end; j += L) {
            FloatVector v = FloatVector.fromArray(S, s, at + j).mul(scale);
            v.intoArray(s, at + j);
            max = max.max(v);
        }
        float m = max.reduceLanes(VectorOperators.MAX);
        FloatVector sum = FloatVector.zero(S);
        for (int j = 0; j < end; j += L) {
            FloatVector e = FloatVector.fromArray(S, s, at + j).sub(m).lanewise(VectorOperators.EXP);
            e.intoArray(s, at + j);
            sum = sum.add(e);
        }
        float inv = 1f / sum.reduceLanes(VectorOperators.ADD);
        for (int j = 0; j < end; j += L) {
            FloatVector.fromArray(S, s, at + j).mul(inv).intoArray(s, at + j);
        }
        if (end < n) {
            java.util.Arrays.fill(s, at + end, at + n, 0f);
        }
    }

    @Override
    public void layerNorm(float[] x, int xo, float[] y, int yo, float[] gamma, float[] beta, int d) {
        if (d % L != 0) {
            Kernels.Impl.super.layerNorm(x, xo, y, yo, gamma, beta, d);
            return;
        }
        FloatVector acc = FloatVector.zero(S);
        for (int j = 0; j < d; j += L) {
            acc = acc.add(FloatVector.fromArray(S, x, xo + j));
        }
        float mean = acc.reduceLanes(VectorOperators.ADD) / d;
        FloatVector sq = FloatVector.zero(S);
        for (int j = 0; j < d; j += L) {
            FloatVector c = FloatVector.fromArray(S, x, xo + j).sub(mean);
            sq = c.fma(c, sq);
        }
        float inv = (float) (1 / Math.sqrt(sq.reduceLanes(VectorOperators.ADD) / d + 1e-8f));
        for (int j = 0; j < d; j += L) {
            FloatVector.fromArray(S, x, xo + j).sub(mean).mul(inv).mul(FloatVector.fromArray(S, gamma, j))
                    .add(FloatVector.fromArray(S, beta, j)).intoArray(y, yo + j);
        }
    }

    @Override
    public int lanes() {
        return L;
    }

    @Override
    public String toString() {
        return "vector (" + S.vectorBitSize() + "-bit lanes)";
    }
}
