package io.h2rec.adapter.out.inference;

/**
 * The two inner loops every scorer spends its time in: a dot product and y += a x. With the JDK's
 * Vector API present ({@code --add-modules jdk.incubator.vector}, which deploy/h2rec and the tests
 * pass) they run on SIMD lanes — 5x the scalar loop on an item scan here (docs/serving.md);
 * without it, or with {@code -Dh2rec.scalar=true}, plain Java loops give the same results.
 */
final class Kernels {
    interface Impl {
        /** a[ao .. ao+n) . b[bo .. bo+n) */
        float dot(float[] a, int ao, float[] b, int bo, int n);

        /** y[yo .. yo+n) += alpha * x[xo .. xo+n) */
        void axpy(float alpha, float[] x, int xo, float[] y, int yo, int n);

        /**
         * out[u][i] = rows[i] . users[u] for the item blocks [fromBlock, toBlock) of a matrix laid out
         * by {@link #block}; out rows hold {@code rows} values.
         */
        void scan(float[] blocked, int rows, int dim, float[][] users, int fromBlock, int toBlock, float[][] out);

        /** y = x W (+ b), W [in][out] row-major; y is overwritten. */
        default void gemv(float[] x, float[] w, float[] b, float[] y, int in, int out) {
            if (b == null) {
                java.util.Arrays.fill(y, 0, out, 0f);
            } else {
                System.arraycopy(b, 0, y, 0, out);
            }
            for (int i = 0; i < in; i++) {
                if (x[i] != 0f) {
                    axpy(x[i], w, i * out, y, 0, out);
                }
            }
        }
    }

    /** Items per block of the scan layout. */
    static final int LANES = 8;

    /**
     * The item matrix [rows][dim] (row-major) laid out for {@link Impl#scan}: blocks of LANES items,
     * each stored dimension by dimension ([block][dim][LANES]), zero-padded. A block's scores for
     * one user are then LANES-wide multiply-adds with no horizontal sums.
     */
    static float[] block(float[] rowMajor, int rows, int dim) {
        int blocks = (rows + LANES - 1) / LANES;
        float[] out = new float[blocks * dim * LANES];
        for (int i = 0; i < rows; i++) {
            int base = (i / LANES) * dim * LANES + i % LANES;
            for (int j = 0; j < dim; j++) {
                out[base + j * LANES] = rowMajor[i * dim + j];
            }
        }
        return out;
    }

    static final Impl IMPL = choose();

    private Kernels() {
    }

    /** "vector (256-bit lanes)" or "scalar". */
    static String describe() {
        return IMPL instanceof Scalar ? "scalar" : IMPL.toString();
    }

    private static Impl choose() {
        if (!Boolean.getBoolean("h2rec.scalar") && ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            try {
                return (Impl) Class.forName("io.h2rec.adapter.out.inference.VectorKernels")
                        .getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException | LinkageError e) {
                return new Scalar();
            }
        }
        return new Scalar();
    }

    static final class Scalar implements Impl {
        @Override
        public float dot(float[] a, int ao, float[] b, int bo, int n) {
            float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
            int j = 0;
            for (; j + 3 < n; j += 4) {
                s0 += a[ao + j] * b[bo + j];
                s1 += a[ao + j + 1] * b[bo + j + 1];
                s2 += a[ao + j + 2] * b[bo + j + 2];
                s3 += a[ao + j + 3] * b[bo + j + 3];
            }
            for (; j < n; j++) {
                s0 += a[ao + j] * b[bo + j];
            }
            return (s0 + s1) + (s2 + s3);
        }

        @Override
        public void axpy(float alpha, float[] x, int xo, float[] y, int yo, int n) {
            for (int j = 0; j < n; j++) {
                y[yo + j] += alpha * x[xo + j];
            }
        }

        @Override
        public void scan(float[] blocked, int rows, int dim, float[][] users, int fromBlock, int toBlock,
                         float[][] out) {
            float[] acc = new float[LANES];
            for (int b = fromBlock; b < toBlock; b++) {
                int base = b * dim * LANES;
                int n = Math.min(LANES, rows - b * LANES);
                for (int u = 0; u < users.length; u++) {
                    java.util.Arrays.fill(acc, 0f);
                    float[] user = users[u];
                    for (int j = 0; j < dim; j++) {
                        float x = user[j];
                        int col = base + j * LANES;
                        for (int l = 0; l < LANES; l++) {
                            acc[l] += x * blocked[col + l];
                        }
                    }
                    System.arraycopy(acc, 0, out[u], b * LANES, n);
                }
            }
        }
    }
}
