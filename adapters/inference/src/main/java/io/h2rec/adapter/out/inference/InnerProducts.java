package io.h2rec.adapter.out.inference;

/**
 * The scorer's inner-product kernels for code outside this package (candidate retrieval): the
 * same SIMD dot product and item scan the models score with, so an exact rescoring of candidates
 * and the exact path agree with serving's scores.
 */
public final class InnerProducts {
    private InnerProducts() {
    }

    /** a[ao .. ao+n) . b[bo .. bo+n) */
    public static float dot(float[] a, int ao, float[] b, int bo, int n) {
        return Kernels.IMPL.dot(a, ao, b, bo, n);
    }

    /** "vector (256-bit lanes)" or "scalar". */
    public static String describe() {
        return Kernels.describe();
    }

    /** An item matrix laid out once for the scan kernel; {@link #scores} is the exact path's full scan. */
    public static final class Scan {
        private final float[] blocked;
        private final int rows;
        private final int dim;

        /** rowMajor: [rows][dim]; copied into the scan layout (the caller may drop its copy). */
        public Scan(float[] rowMajor, int rows, int dim) {
            if (rowMajor.length != rows * dim) {
                throw new IllegalArgumentException("matrix holds " + rowMajor.length + " values, expected " + rows * dim);
            }
            this.blocked = Kernels.block(rowMajor, rows, dim);
            this.rows = rows;
            this.dim = dim;
        }

        /** out[i] = row i . user for every row (out holds at least rows values). */
        public void scores(float[] user, float[] out) {
            Kernels.IMPL.scan(blocked, rows, dim, user, 1, 0, (rows + Kernels.LANES - 1) / Kernels.LANES, new float[][] {out});
        }

        public long ramBytes() {
            return 4L * blocked.length;
        }
    }
}
