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
    }
}
