package io.h2rec.domain.evaluation;

import java.util.BitSet;

/** Rank of a target among candidates, and HR@K / NDCG@K of a rank (evaluation.md). */
public final class RankingMetrics {
    private RankingMetrics() {
    }

    /**
     * 0-based pessimistic rank: the number of candidates scoring at least as high as the target
     * (a tie counts against the target). NaN counts against the target too: a NaN target ranks below every
     * candidate, a NaN candidate above the target (a broken score must never help a metric).
     */
    public static int rankAmong(float[] scores, int target, int[] candidates) {
        float t = scores[target];
        if (Float.isNaN(t)) {
            return candidates.length;
        }
        int rank = 0;
        for (int c : candidates) {
            if (c != target && !(scores[c] < t)) {   // >=, or NaN
                rank++;
            }
        }
        return rank;
    }

    /**
     * 0-based pessimistic rank among all items 1..N except the target and the {@code excluded}
     * ones (the user's other history items). NaN counts against the target, as in {@link #rankAmong}.
     */
    public static int rankFull(float[] scores, int target, BitSet excluded) {
        float t = scores[target];
        boolean last = Float.isNaN(t);
        int rank = 0;
        for (int i = 1; i < scores.length; i++) {
            if ((last || !(scores[i] < t)) && i != target && !excluded.get(i)) {   // >=, or NaN
                rank++;
            }
        }
        return rank;
    }

    public static double hitRate(int rank, int k) {
        return rank < k ? 1.0 : 0.0;
    }

    /** 1/log2(rank+2) when rank < K, else 0. */
    public static double ndcg(int rank, int k) {
        return rank < k ? 1.0 / (Math.log(rank + 2) / Math.log(2)) : 0.0;
    }
}
