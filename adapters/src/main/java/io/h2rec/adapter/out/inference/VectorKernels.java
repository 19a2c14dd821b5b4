package io.h2rec.adapter.out.inference;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** {@link Kernels} on the Vector API; loaded only when the JVM has jdk.incubator.vector. */
final class VectorKernels implements Kernels.Impl {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final VectorSpecies<Float> B = FloatVector.SPECIES_256;   // Kernels.LANES = 8 floats

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

    /** Four users share each loaded column of a block; a block's 8 scores accumulate in one register. */
    @Override
    public void scan(float[] blocked, int rows, int dim, float[][] users, int fromBlock, int toBlock, float[][] out) {
        float[] tail = new float[Kernels.LANES];
        for (int b = fromBlock; b < toBlock; b++) {
            int base = b * dim * Kernels.LANES;
            int at = b * Kernels.LANES;
            boolean full = at + Kernels.LANES <= rows;
            int u = 0;
            for (; u + 3 < users.length; u += 4) {
                float[] u0 = users[u];
                float[] u1 = users[u + 1];
                float[] u2 = users[u + 2];
                float[] u3 = users[u + 3];
                FloatVector a0 = FloatVector.zero(B);
                FloatVector a1 = FloatVector.zero(B);
                FloatVector a2 = FloatVector.zero(B);
                FloatVector a3 = FloatVector.zero(B);
                for (int j = 0; j < dim; j++) {
                    FloatVector col = FloatVector.fromArray(B, blocked, base + j * Kernels.LANES);
                    a0 = col.fma(FloatVector.broadcast(B, u0[j]), a0);
                    a1 = col.fma(FloatVector.broadcast(B, u1[j]), a1);
                    a2 = col.fma(FloatVector.broadcast(B, u2[j]), a2);
                    a3 = col.fma(FloatVector.broadcast(B, u3[j]), a3);
                }
                store(a0, out[u], at, full, rows, tail);
                store(a1, out[u + 1], at, full, rows, tail);
                store(a2, out[u + 2], at, full, rows, tail);
                store(a3, out[u + 3], at, full, rows, tail);
            }
            for (; u < users.length; u++) {
                float[] u0 = users[u];
                FloatVector a0 = FloatVector.zero(B);
                for (int j = 0; j < dim; j++) {
                    a0 = FloatVector.fromArray(B, blocked, base + j * Kernels.LANES).fma(FloatVector.broadcast(B, u0[j]), a0);
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

    @Override
    public String toString() {
        return "vector (" + S.vectorBitSize() + "-bit lanes)";
    }
}
