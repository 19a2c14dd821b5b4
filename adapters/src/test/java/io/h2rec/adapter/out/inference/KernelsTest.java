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
        float[][] users = new float[6][dim];
        for (float[] u : users) {
            for (int j = 0; j < dim; j++) {
                u[j] = (float) r.nextGaussian();
            }
        }
        float[] blocked = Kernels.block(items, rows, dim);
        float[][] out = new float[users.length][rows];
        Kernels.IMPL.scan(blocked, rows, dim, users, 0, (rows + Kernels.LANES - 1) / Kernels.LANES, out);
        for (int u = 0; u < users.length; u++) {
            for (int i = 0; i < rows; i++) {
                assertEquals(scalar.dot(items, i * dim, users[u], 0, dim), out[u][i], 1e-4, "scan " + u + "," + i);
            }
        }
        // By hand: (1,2,3) . (4,5,6) = 32; y = (1,1,1) + 2 (1,2,3) = (3,5,7).
        assertEquals(32f, Kernels.IMPL.dot(new float[] {1, 2, 3}, 0, new float[] {4, 5, 6}, 0, 3), 0f);
        float[] y = {1, 1, 1};
        Kernels.IMPL.axpy(2f, new float[] {1, 2, 3}, 0, y, 0, 3);
        assertArrayEquals(new float[] {3, 5, 7}, y, 0f);
    }
}
