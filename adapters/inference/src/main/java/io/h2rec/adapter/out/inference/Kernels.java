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
         * by {@link #block}; users are {@code count} rows of dim values (flat); out rows hold at least
         * {@code rows} values.
         */
        void scan(float[] blocked, int rows, int dim, float[] users, int count, int fromBlock, int toBlock,
                  float[][] out);

        /**
         * C = A B (+ bias per column), or C += A B (+ bias) when {@code accumulate}: A [m][k], B [k][n], C [m][n], each
         * row-major at its offset with its own row stride. The matrix product every batched layer runs on.
         */
        void gemm(int m, int n, int k, float[] a, int ao, int lda, float[] b, int bo, int ldb, float[] c, int co,
                  int ldc, float[] bias, boolean accumulate);

        /**
         * s[at .. at+visible) = softmax(scale * s) and s[at+visible .. at+n) = 0: one attention row
         * over the keys a query may see. The row must have room up to visible rounded up to lanes().
         */
        default void softmax(float[] s, int at, int visible, int n, float scale) {
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < visible; j++) {
                s[at + j] *= scale;
                max = Math.max(max, s[at + j]);
            }
            float sum = 0;
            for (int j = 0; j < visible; j++) {
                float e = (float) Math.exp(s[at + j] - max);
                s[at + j] = e;
                sum += e;
            }
            float inv = 1f / sum;
            for (int j = 0; j < visible; j++) {
                s[at + j] *= inv;
            }
            java.util.Arrays.fill(s, at + visible, at + n, 0f);
        }

        /** y[yo .. yo+d) = layer norm of x[xo .. xo+d) (epsilon 1e-8, as the graphs) with gamma and beta. */
        default void layerNorm(float[] x, int xo, float[] y, int yo, float[] gamma, float[] beta, int d) {
            float mean = 0;
            for (int j = 0; j < d; j++) {
                mean += x[xo + j];
            }
            mean /= d;
            float var = 0;
            for (int j = 0; j < d; j++) {
                float c = x[xo + j] - mean;
                var += c * c;
            }
            var /= d;
            float inv = (float) (1 / Math.sqrt(var + 1e-8f));
            for (int j = 0; j < d; j++) {
                y[yo + j] = (x[xo + j] - mean) * inv * gamma[j] + beta[j];
            }
        }

        /** Floats per register; the item blocks of {@link #block} are this wide. */
        default int lanes() {
            return 8;
        }

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

    /** Items per block of the scan layout: one SIMD register of floats. */
    static final int LANES = IMPL.lanes();

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
        public void gemm(int m, int n, int k, float[] a, int ao, int lda, float[] b, int bo, int ldb, float[] c,
                         int co, int ldc, float[] bias, boolean accumulate) {
            for (int i = 0; i < m; i++) {
                int ci = co + i * ldc;
                for (int j = 0; j < n; j++) {
                    c[ci + j] = (accumulate ? c[ci + j] : 0f) + (bias == null ? 0f : bias[j]);
                }
                for (int p = 0; p < k; p++) {
                    float x = a[ao + i * lda + p];
                    if (x != 0f) {
                        axpy(x, b, bo + p * ldb, c, ci, n);
                    }
                }
            }
        }

        @Override
        public void scan(float[] blocked, int rows, int dim, float[] users, int count, int fromBlock, int toBlock,
                         float[][] out) {
            float[] acc = new float[LANES];
            for (int b = fromBlock; b < toBlock; b++) {
                int base = b * dim * LANES;
                int n = Math.min(LANES, rows - b * LANES);
                for (int u = 0; u < count; u++) {
                    java.util.Arrays.fill(acc, 0f);
                    for (int j = 0; j < dim; j++) {
                        float x = users[u * dim + j];
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
