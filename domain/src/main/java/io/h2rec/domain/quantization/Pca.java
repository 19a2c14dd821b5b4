package io.h2rec.domain.quantization;

/**
 * Principal components by the cyclic Jacobi eigenvalue method on the covariance matrix: exact,
 * deterministic, fast enough for text embeddings (d_t in the hundreds).
 */
public final class Pca {
    private Pca() {
    }

    /**
     * Projects centred rows onto the top {@code k} principal directions.
     *
     * @return [rows][k]
     */
    public static float[][] project(float[][] x, int k) {
        int n = x.length;
        int d = x[0].length;
        if (k > d) {
            throw new IllegalArgumentException("cannot keep " + k + " components of " + d + "-d data");
        }
        double[] mean = new double[d];
        for (float[] row : x) {
            for (int j = 0; j < d; j++) {
                mean[j] += row[j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        double[][] cov = new double[d][d];
        double[] c = new double[d];
        for (float[] row : x) {
            for (int j = 0; j < d; j++) {
                c[j] = row[j] - mean[j];
            }
            for (int a = 0; a < d; a++) {
                double ca = c[a];
                double[] covA = cov[a];
                for (int b = a; b < d; b++) {
                    covA[b] += ca * c[b];
                }
            }
        }
        for (int a = 0; a < d; a++) {
            for (int b = a; b < d; b++) {
                cov[a][b] /= Math.max(1, n - 1);
                cov[b][a] = cov[a][b];
            }
        }
        double[][] vectors = new double[d][d];
        double[] values = jacobi(cov, vectors);
        Integer[] order = new Integer[d];
        for (int i = 0; i < d; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (p, q) -> Double.compare(values[q], values[p]));
        float[][] out = new float[n][k];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                c[j] = x[i][j] - mean[j];
            }
            for (int m = 0; m < k; m++) {
                int col = order[m];
                double s = 0;
                for (int j = 0; j < d; j++) {
                    s += c[j] * vectors[j][col];
                }
                out[i][m] = (float) s;
            }
        }
        return out;
    }

    /** Eigenvalues of symmetric {@code a} (destroyed); eigenvectors into the columns of {@code v}. */
    static double[] jacobi(double[][] a, double[][] v) {
        int d = a.length;
        for (int i = 0; i < d; i++) {
            v[i][i] = 1;
        }
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0;
            for (int p = 0; p < d; p++) {
                for (int q = p + 1; q < d; q++) {
                    off += a[p][q] * a[p][q];
                }
            }
            if (off < 1e-22) {
                break;
            }
            for (int p = 0; p < d; p++) {
                for (int q = p + 1; q < d; q++) {
                    if (Math.abs(a[p][q]) < 1e-30) {
                        continue;
                    }
                    double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) {
                        t = 1;
                    }
                    double cs = 1 / Math.sqrt(t * t + 1);
                    double sn = t * cs;
                    for (int r = 0; r < d; r++) {
                        double arp = a[r][p];
                        double arq = a[r][q];
                        a[r][p] = cs * arp - sn * arq;
                        a[r][q] = sn * arp + cs * arq;
                    }
                    for (int r = 0; r < d; r++) {
                        double apr = a[p][r];
                        double aqr = a[q][r];
                        a[p][r] = cs * apr - sn * aqr;
                        a[q][r] = sn * apr + cs * aqr;
                    }
                    for (int r = 0; r < d; r++) {
                        double vrp = v[r][p];
                        double vrq = v[r][q];
                        v[r][p] = cs * vrp - sn * vrq;
                        v[r][q] = sn * vrp + cs * vrq;
                    }
                }
            }
        }
        double[] values = new double[d];
        for (int i = 0; i < d; i++) {
            values[i] = a[i][i];
        }
        return values;
    }
}
