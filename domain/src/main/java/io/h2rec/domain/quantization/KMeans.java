package io.h2rec.domain.quantization;

import io.h2rec.domain.model.JobListener;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Seeded k-means (k-means++ init, Lloyd iterations until at most 0.1% of the points change centre)
 * over x[i][offset .. offset+d). Assignment runs
 * in parallel but every reduction is sequential, so a seed gives the same result on any core
 * count. Empty clusters are re-seeded with the points farthest from their centres.
 */
final class KMeans {
    record Result(float[][] centers, int[] assignment, double meanSquaredError, int iterations) {
    }

    private KMeans() {
    }

    static Result fit(float[][] x, int offset, int d, int k, int maxIterations, long seed, JobListener listener) {
        int n = x.length;
        if (n == 0) {
            throw new IllegalArgumentException("k-means needs at least one point");
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        float[][] centers = initPlusPlus(x, offset, d, k, rnd);
        int[] assign = new int[n];
        Arrays.fill(assign, -1);
        double[] dist = new double[n];
        int iter = 0;
        for (; iter < maxIterations; iter++) {
            listener.checkCancelled();
            int changed = assignAll(x, offset, d, centers, assign, dist);
            // Converged when at most 0.1% of the points moved: the last few Lloyd steps shuffle a
            // handful of border points and cost as much as the first ones.
            if (iter > 0 && changed <= n / 1000) {
                break;
            }
            update(x, offset, d, centers, assign, dist);
        }
        assignAll(x, offset, d, centers, assign, dist);
        double sse = 0;
        for (double v : dist) {
            sse += v;
        }
        return new Result(centers, assign, sse / n, iter);
    }

    private static float[][] initPlusPlus(float[][] x, int offset, int d, int k, SplittableRandom rnd) {
        int n = x.length;
        float[][] centers = new float[k][];
        centers[0] = slice(x[rnd.nextInt(n)], offset, d);
        double[] best = new double[n];
        Arrays.fill(best, Double.POSITIVE_INFINITY);
        for (int c = 1; c < k; c++) {
            float[] last = centers[c - 1];
            IntStream.range(0, n).parallel().forEach(i -> {
                double dd = sq(x[i], offset, last, d);
                if (dd < best[i]) {
                    best[i] = dd;
                }
            });
            double total = 0;
            for (double b : best) {
                total += b;
            }
            int pick;
            if (total <= 0) {
                pick = rnd.nextInt(n); // fewer distinct points than k: duplicates are harmless
            } else {
                double r = rnd.nextDouble() * total;
                pick = n - 1;
                for (int i = 0; i < n; i++) {
                    r -= best[i];
                    if (r <= 0) {
                        pick = i;
                        break;
                    }
                }
            }
            centers[c] = slice(x[pick], offset, d);
        }
        return centers;
    }

    /** Points scored together against the centres: each centre row is read once per block. */
    private static final int BLOCK = 16;

    /**
     * Nearest centre of every point; returns how many assignments changed. Distances come from
     * ||c||² − 2 x·c with the centres transposed to [d][k], so the innermost loop runs over centres
     * without a reduction (the JIT vectorises it) and a block of points shares each centre row.
     * Every point's sums run in the same order whatever the thread count: results are deterministic.
     */
    static int assignAll(float[][] x, int offset, int d, float[][] centers, int[] assign, double[] dist) {
        int k = centers.length;
        int n = x.length;
        float[] transposed = new float[d * k];                 // [d][k]
        double[] norms = new double[k];
        for (int c = 0; c < k; c++) {
            norms[c] = dot(centers[c], 0, centers[c], d);
            for (int j = 0; j < d; j++) {
                transposed[j * k + c] = centers[c][j];
            }
        }
        int[] changed = new int[n];
        IntStream.range(0, (n + BLOCK - 1) / BLOCK).parallel().forEach(block -> {
            int from = block * BLOCK;
            int to = Math.min(n, from + BLOCK);
            float[] dots = new float[(to - from) * k];          // [block][k]
            for (int j = 0; j < d; j++) {
                int row = j * k;
                for (int i = from; i < to; i++) {
                    float xij = x[i][offset + j];
                    int base = (i - from) * k;
                    for (int c = 0; c < k; c++) {
                        dots[base + c] += xij * transposed[row + c];
                    }
                }
            }
            for (int i = from; i < to; i++) {
                int base = (i - from) * k;
                int bestC = 0;
                double bestD = Double.POSITIVE_INFINITY;
                for (int c = 0; c < k; c++) {
                    double dd = norms[c] - 2.0 * dots[base + c];
                    if (dd < bestD) {
                        bestD = dd;
                        bestC = c;
                    }
                }
                if (assign[i] != bestC) {
                    changed[i] = 1;
                    assign[i] = bestC;
                }
                dist[i] = Math.max(0, bestD + dot(x[i], offset, x[i], d));
            }
        });
        int sum = 0;
        for (int c : changed) {
            sum += c;
        }
        return sum;
    }

    private static void update(float[][] x, int offset, int d, float[][] centers, int[] assign, double[] dist) {
        int k = centers.length;
        double[][] sums = new double[k][d];
        int[] counts = new int[k];
        for (int i = 0; i < x.length; i++) {
            int c = assign[i];
            counts[c]++;
            double[] s = sums[c];
            float[] xi = x[i];
            for (int j = 0; j < d; j++) {
                s[j] += xi[offset + j];
            }
        }
        // Dead codes: re-seed from the points worst served by their centres.
        Integer[] worst = null;
        int next = 0;
        for (int c = 0; c < k; c++) {
            if (counts[c] > 0) {
                for (int j = 0; j < d; j++) {
                    centers[c][j] = (float) (sums[c][j] / counts[c]);
                }
            } else {
                if (worst == null) {
                    worst = IntStream.range(0, x.length).boxed().toArray(Integer[]::new);
                    Arrays.sort(worst, (a, b) -> Double.compare(dist[b], dist[a]));
                }
                centers[c] = slice(x[worst[next++ % worst.length]], offset, d);
            }
        }
    }

    static float[] slice(float[] row, int offset, int d) {
        return Arrays.copyOfRange(row, offset, offset + d);
    }

    /** a[offset..offset+d) . b[0..d), four accumulators for instruction-level parallelism. */
    static double dot(float[] a, int offset, float[] b, int d) {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int j = 0;
        for (; j + 3 < d; j += 4) {
            s0 += a[offset + j] * b[j];
            s1 += a[offset + j + 1] * b[j + 1];
            s2 += a[offset + j + 2] * b[j + 2];
            s3 += a[offset + j + 3] * b[j + 3];
        }
        for (; j < d; j++) {
            s0 += a[offset + j] * b[j];
        }
        return (double) s0 + s1 + s2 + s3;
    }

    private static double sq(float[] a, int offset, float[] b, int d) {
        double s = 0;
        for (int j = 0; j < d; j++) {
            double diff = a[offset + j] - b[j];
            s += diff * diff;
        }
        return s;
    }
}
