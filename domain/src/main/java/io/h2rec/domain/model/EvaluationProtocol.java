package io.h2rec.domain.model;

import java.util.Arrays;

/**
 * The evaluation protocol as data, stored with every run (evaluation.md).
 *
 * @param ks               cut-offs for HR@K and NDCG@K
 * @param sampledNegatives negatives per user under {@link Protocol#SAMPLED100}
 * @param negativeSeed     seed of the negative sampler: fixed across models so they share negatives
 * @param headFraction     share of items (by training popularity) in the head group
 * @param bucketEdges      lower edges of the popularity buckets; the last is open-ended
 */
public record EvaluationProtocol(int[] ks, int sampledNegatives, long negativeSeed, double headFraction,
                                 int[] bucketEdges) {
    public static final EvaluationProtocol DEFAULT =
            new EvaluationProtocol(new int[] {5, 10, 20}, 100, 42L, 0.2, new int[] {1, 10, 30, 60, 100});

    public EvaluationProtocol {
        ks = ks.clone();
        bucketEdges = bucketEdges.clone();
        if (ks.length == 0 || Arrays.stream(ks).anyMatch(k -> k < 1)) {
            throw new IllegalArgumentException("cut-offs must be >= 1: " + Arrays.toString(ks));
        }
        if (sampledNegatives < 1) {
            throw new IllegalArgumentException("sampledNegatives must be >= 1");
        }
        if (!(headFraction > 0 && headFraction < 1)) {
            throw new IllegalArgumentException("headFraction must be in (0,1): " + headFraction);
        }
        for (int i = 1; i < bucketEdges.length; i++) {
            if (bucketEdges[i] <= bucketEdges[i - 1]) {
                throw new IllegalArgumentException("bucket edges must increase: " + Arrays.toString(bucketEdges));
            }
        }
    }

    @Override
    public int[] ks() {
        return ks.clone();
    }

    @Override
    public int[] bucketEdges() {
        return bucketEdges.clone();
    }

    /**
     * Group label of popularity bucket {@code b}: "b1_9", ..., "b100_". Items never seen in
     * training (popularity 0) fall into the lowest bucket.
     */
    public String bucketLabel(int b) {
        int lo = bucketEdges[b];
        return b + 1 < bucketEdges.length ? "b" + lo + "_" + (bucketEdges[b + 1] - 1) : "b" + lo + "_";
    }

    public int maxK() {
        return Arrays.stream(ks).max().orElseThrow();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EvaluationProtocol p && Arrays.equals(ks, p.ks) && sampledNegatives == p.sampledNegatives
                && negativeSeed == p.negativeSeed && headFraction == p.headFraction
                && Arrays.equals(bucketEdges, p.bucketEdges);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(ks) * 31 + Arrays.hashCode(bucketEdges) + Long.hashCode(negativeSeed);
    }

    @Override
    public String toString() {
        return "EvaluationProtocol[ks=" + Arrays.toString(ks) + ", negatives=" + sampledNegatives + ", negativeSeed="
                + negativeSeed + ", headFraction=" + headFraction + ", buckets=" + Arrays.toString(bucketEdges) + "]";
    }
}
