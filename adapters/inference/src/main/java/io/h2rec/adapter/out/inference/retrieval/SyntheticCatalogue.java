package io.h2rec.adapter.out.inference.retrieval;

import java.util.SplittableRandom;

/**
 * A synthetic catalogue shaped like a trained H2Rec's item matrix, for retrieval tests and the
 * retrieval benchmark (lab): rows [h(i); s(i)] of 2d values. s(i) sums one embedding per semantic-ID
 * level (L levels of K codes, coarse to fine like residual quantisation: level l at scale 2^-l;
 * the level-0 code's cluster sizes are skewed), h(i) is a hash-ID embedding that shares a direction
 * with its level-0 cluster (the alignment losses pull them together) plus item noise, scaled by a
 * log-normal popularity factor (popular items learn larger norms). Users sit near a few items of
 * one semantic cluster, as a history encoder's output does. Deterministic for a seed.
 */
public final class SyntheticCatalogue {
    private final int numItems;
    private final int hidden;
    private final int levels;
    private final float[] items;       // [(N+1) * 2d], row 0 padding (zero)
    private final int[] codes;         // [(N+1) * L]
    private final int[] byCluster;     // items sorted by level-0 code
    private final int[] clusterStart;  // [K+1] slices of byCluster

    private SyntheticCatalogue(int numItems, int hidden, int levels, int codesPerLevel, long seed) {
        this.numItems = numItems;
        this.hidden = hidden;
        this.levels = levels;
        int d = hidden;
        int dim = 2 * d;
        SplittableRandom rnd = new SplittableRandom(seed);
        float[][] book = new float[levels][];
        for (int l = 0; l < levels; l++) {
            book[l] = gaussian(rnd, codesPerLevel * d, (float) Math.pow(0.5, l));
        }
        float[] bias = gaussian(rnd, d, 0.05f);
        float[] anchors = gaussian(rnd, codesPerLevel * d, 0.6f);
        double[] cumulative = new double[codesPerLevel];
        double total = 0;
        for (int k = 0; k < codesPerLevel; k++) {
            total += Math.exp(rnd.nextGaussian());
            cumulative[k] = total;
        }
        this.items = new float[(numItems + 1) * dim];
        this.codes = new int[(numItems + 1) * levels];
        int[] clusterSize = new int[codesPerLevel];
        for (int i = 1; i <= numItems; i++) {
            int c0 = sample(cumulative, rnd.nextDouble() * total);
            clusterSize[c0]++;
            codes[i * levels] = c0;
            for (int l = 1; l < levels; l++) {
                codes[i * levels + l] = rnd.nextInt(codesPerLevel);
            }
            int row = i * dim;
            float popularity = (float) Math.exp(0.5 * rnd.nextGaussian());
            for (int j = 0; j < d; j++) {
                items[row + j] = popularity * (0.5f * anchors[c0 * d + j] + (float) (0.5 * rnd.nextGaussian()));
                float s = bias[j];
                for (int l = 0; l < levels; l++) {
                    s += book[l][codes[i * levels + l] * d + j];
                }
                items[row + d + j] = s;
            }
        }
        this.clusterStart = new int[codesPerLevel + 1];
        for (int k = 0; k < codesPerLevel; k++) {
            clusterStart[k + 1] = clusterStart[k] + clusterSize[k];
        }
        this.byCluster = new int[numItems];
        int[] fill = clusterStart.clone();
        for (int i = 1; i <= numItems; i++) {
            byCluster[fill[codes[i * levels]]++] = i;
        }
    }

    /** Beauty's H2Rec shape: hidden 64 (item vectors of 128), 4 SID levels of 256 codes. */
    public static SyntheticCatalogue beautyShaped(int numItems, long seed) {
        return new SyntheticCatalogue(numItems, 64, 4, 256, seed);
    }

    public static SyntheticCatalogue of(int numItems, int hidden, int levels, int codesPerLevel, long seed) {
        return new SyntheticCatalogue(numItems, hidden, levels, codesPerLevel, seed);
    }

    /**
     * A user vector: the mean of {@code historyLength} items of one level-0 cluster (an anchor item
     * drawn uniformly, the rest from its cluster) plus Gaussian noise of {@code noise} per value.
     */
    public float[] user(SplittableRandom rnd, int historyLength, float noise) {
        int dim = dim();
        int anchor = 1 + rnd.nextInt(numItems);
        int c0 = codes[anchor * levels];
        int from = clusterStart[c0];
        int size = clusterStart[c0 + 1] - from;
        float[] u = new float[dim];
        for (int h = 0; h < historyLength; h++) {
            int item = h == 0 ? anchor : byCluster[from + rnd.nextInt(size)];
            for (int j = 0; j < dim; j++) {
                u[j] += items[item * dim + j] / historyLength;
            }
        }
        for (int j = 0; j < dim; j++) {
            u[j] += (float) (noise * rnd.nextGaussian());
        }
        return u;
    }

    public int numItems() {
        return numItems;
    }

    /** 2 x hidden: the length of an item (and user) vector. */
    public int dim() {
        return 2 * hidden;
    }

    /** Row-major [(numItems + 1) * dim()], row 0 the padding item. */
    public float[] items() {
        return items;
    }

    /** The item's semantic ID, level 0 first. */
    public int[] sid(int item) {
        int[] c = new int[levels];
        System.arraycopy(codes, item * levels, c, 0, levels);
        return c;
    }

    private static int sample(double[] cumulative, double x) {
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] < x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static float[] gaussian(SplittableRandom rnd, int n, float scale) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (scale * rnd.nextGaussian());
        }
        return v;
    }
}
