package io.h2rec.adapter.out.inference;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The SIMD kernels (the tests run with jdk.incubator.vector, as deploy/h2rec does) agree with plain loops. */
class KernelsTest {
    @Test
    void vectorKernelsAreInUseAndAgreeWithScalarOnesAtEveryLengthAndOffset() {
        assertTrue(Kernels.describe().startsWith("vector"), Kernels.describe());
        Kernels.Impl scalar = new Kernels.Scalar();
        SplittableRandom r = new SplittableRandom(3);
        float[] a = new float[300];
        float[] b = new float[300];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) r.nextGaussian();
            b[i] = (float) r.nextGaussian();
        }
        for (int n : new int[] {0, 1, 7, 8, 15, 16, 17, 64, 128, 131}) {
            for (int offset : new int[] {0, 3, 64}) {
                assertEquals(scalar.dot(a, offset, b, 5, n), Kernels.IMPL.dot(a, offset, b, 5, n), 1e-4,
                        "dot n=" + n + " offset=" + offset);
                float[] y1 = b.clone();
                float[] y2 = b.clone();
                scalar.axpy(0.37f, a, offset, y1, 9, n);
                Kernels.IMPL.axpy(0.37f, a, offset, y2, 9, n);
                assertArrayEquals(y1, y2, 1e-5f, "axpy n=" + n + " offset=" + offset);
            }
        }
        // gemv (x W + b) and the blocked item scan against plain loops.
        for (int[] shape : new int[][] {{64, 64}, {16, 8}, {68, 40}, {3, 5}}) {
            int in = shape[0];
            int out = shape[1];
            float[] w = new float[in * out];
            float[] bias = new float[out];
            float[] x = new float[in];
            for (int i = 0; i < w.length; i++) {
                w[i] = (float) r.nextGaussian();
            }
            for (int i = 0; i < out; i++) {
                bias[i] = (float) r.nextGaussian();
            }
            for (int i = 0; i < in; i++) {
                x[i] = i % 5 == 0 ? 0f : (float) r.nextGaussian();
            }
            float[] y1 = new float[out];
            float[] y2 = new float[out];
            scalar.gemv(x, w, bias, y1, in, out);
            Kernels.IMPL.gemv(x, w, bias, y2, in, out);
            assertArrayEquals(y1, y2, 1e-4f, "gemv " + in + "x" + out);
        }
        int rows = 37;
        int dim = 12;
        float[] items = new float[rows * dim];
        for (int i = 0; i < items.length; i++) {
            items[i] = (float) r.nextGaussian();
        }
        int count = 6;
        float[] users = new float[count * dim];
        for (int j = 0; j < users.length; j++) {
            users[j] = (float) r.nextGaussian();
        }
        float[] blocked = Kernels.block(items, rows, dim);
        float[][] out = new float[count][rows];
        Kernels.IMPL.scan(blocked, rows, dim, users, count, 0, (rows + Kernels.LANES - 1) / Kernels.LANES, out);
        for (int u = 0; u < count; u++) {
            for (int i = 0; i < rows; i++) {
                assertEquals(scalar.dot(items, i * dim, users, u * dim, dim), out[u][i], 1e-4, "scan " + u + "," + i);
            }
        }
        // Attention rows (softmax over the visible keys, zeros after) and layer norm.
        for (int visible : new int[] {1, 5, 16, 17, 50}) {
            float[] s1 = random(r, 64 + 3);
            float[] s2 = s1.clone();
            scalar.softmax(s1, 3, visible, 60, 0.25f);
            Kernels.IMPL.softmax(s2, 3, visible, 60, 0.25f);
            assertArrayEquals(java.util.Arrays.copyOfRange(s1, 0, 63), java.util.Arrays.copyOfRange(s2, 0, 63), 1e-6f,
                    "softmax visible " + visible);
            assertEquals(0f, s2[3 + 59], 0f);
        }
        float[] sm = new float[1 + Kernels.LANES];   // a row with room for one register
        sm[1] = 1f;
        sm[2] = 2f;
        sm[3] = 9f;
        sm[4] = 9f;
        Kernels.IMPL.softmax(sm, 1, 2, 4, 1f);       // by hand: weights e^1, e^2 over the 2 visible keys, zeros after
        assertArrayEquals(new float[] {0f, (float) (1 / (1 + Math.E)), (float) (Math.E / (1 + Math.E)), 0f, 0f},
                java.util.Arrays.copyOf(sm, 5), 1e-6f);
        for (int d : new int[] {3, 16, 64, 72}) {
            float[] x = random(r, d + 2);
            float[] gamma = random(r, d);
            float[] beta = random(r, d);
            float[] y1 = new float[d + 1];
            float[] y2 = new float[d + 1];
            scalar.layerNorm(x, 2, y1, 1, gamma, beta, d);
            Kernels.IMPL.layerNorm(x, 2, y2, 1, gamma, beta, d);
            assertArrayEquals(y1, y2, 1e-5f, "layer norm d=" + d);
        }
        // Matrix products at every shape the tiles and tails meet, with offsets, strides, bias and accumulation.
        for (int[] shape : new int[][] {{1, 1, 1}, {4, 64, 64}, {7, 64, 13}, {50, 80, 16}, {3, 5, 2}, {9, 17, 33}}) {
            int m = shape[0];
            int n = shape[1];
            int k = shape[2];
            float[] ma = random(r, 3 + m * (k + 2));
            float[] mb = random(r, 1 + k * (n + 1));
            float[] bias = random(r, n);
            for (boolean accumulate : new boolean[] {false, true}) {
                float[] c1 = random(new SplittableRandom(m), 2 + m * (n + 3));
                float[] c2 = c1.clone();
                for (int i = 0; i < m; i++) {   // by definition
                    for (int j = 0; j < n; j++) {
                        float s = (accumulate ? c1[2 + i * (n + 3) + j] : 0f) + bias[j];
                        for (int p = 0; p < k; p++) {
                            s += ma[3 + i * (k + 2) + p] * mb[1 + p * (n + 1) + j];
                        }
                        c1[2 + i * (n + 3) + j] = s;
                    }
                }
                Kernels.IMPL.gemm(m, n, k, ma, 3, k + 2, mb, 1, n + 1, c2, 2, n + 3, bias, accumulate);
                assertArrayEquals(c1, c2, 1e-4f, "gemm " + m + "x" + n + "x" + k + " accumulate " + accumulate);
                float[] c3 = c1.clone();
                float[] c4 = c1.clone();
                scalar.gemm(m, n, k, ma, 3, k + 2, mb, 1, n + 1, c3, 2, n + 3, null, accumulate);
                Kernels.IMPL.gemm(m, n, k, ma, 3, k + 2, mb, 1, n + 1, c4, 2, n + 3, null, accumulate);
                assertArrayEquals(c3, c4, 1e-4f, "gemm without bias " + m + "x" + n + "x" + k);
            }
        }
        // By hand: (1,2,3) . (4,5,6) = 32; y = (1,1,1) + 2 (1,2,3) = (3,5,7).
        assertEquals(32f, Kernels.IMPL.dot(new float[] {1, 2, 3}, 0, new float[] {4, 5, 6}, 0, 3), 0f);
        float[] y = {1, 1, 1};
        Kernels.IMPL.axpy(2f, new float[] {1, 2, 3}, 0, y, 0, 3);
        assertArrayEquals(new float[] {3, 5, 7}, y, 0f);
    }

    private static float[] random(SplittableRandom r, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) r.nextGaussian();
        }
        return x;
    }
}
