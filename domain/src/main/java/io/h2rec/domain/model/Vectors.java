package io.h2rec.domain.model;

/** Small dense-vector helpers shared by quantization and scoring. */
public final class Vectors {
    private Vectors() {
    }

    /** Index of the row of {@code centers} nearest (L2) to x[offset, offset+d). Ties: lowest index. */
    public static int nearest(float[][] centers, float[] x, int offset, int d) {
        int best = 0;
        double bestDist = Double.POSITIVE_INFINITY;
        for (int k = 0; k < centers.length; k++) {
            float[] c = centers[k];
            double dist = 0;
            for (int j = 0; j < d; j++) {
                double diff = x[offset + j] - c[j];
                dist += diff * diff;
            }
            if (dist < bestDist) {
                bestDist = dist;
                best = k;
            }
        }
        return best;
    }

    public static float dot(float[] a, float[] b) {
        float s = 0f;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    public static double squaredDistance(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            s += d * d;
        }
        return s;
    }
}
