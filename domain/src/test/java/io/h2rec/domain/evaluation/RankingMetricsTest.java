package io.h2rec.domain.evaluation;

import org.junit.jupiter.api.Test;

import java.util.BitSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RankingMetricsTest {

    @Test
    void tiesCountAgainstTheTarget() {
        //                 pad   1    2    3    4    5
        float[] scores = {0f, 0.9f, 0.5f, 0.5f, 0.1f, 0.7f};
        // Target 2 (0.5) among candidates 1 (0.9, above), 3 (0.5, tie), 4 (0.1, below): rank 2.
        assertEquals(2, RankingMetrics.rankAmong(scores, 2, new int[] {1, 3, 4}));
        // Full ranking of item 2: above or tied are 1, 3, 5 -> rank 3; excluding 5 -> rank 2.
        assertEquals(3, RankingMetrics.rankFull(scores, 2, new BitSet()));
        BitSet excluded = new BitSet();
        excluded.set(5);
        assertEquals(2, RankingMetrics.rankFull(scores, 2, excluded));
        // A NaN target ranks last.
        float[] nan = {0f, Float.NaN, 0.1f};
        assertEquals(1, RankingMetrics.rankAmong(nan, 1, new int[] {2}));
        assertEquals(1, RankingMetrics.rankFull(nan, 1, new BitSet()));
        // A NaN candidate counts against the target too (a broken score never helps a metric): target 2 (0.5)
        // has 1 (NaN) and 3 (0.9) above it, 4 (0.1) below; excluding 1 leaves only 3.
        float[] nanCandidate = {0f, Float.NaN, 0.5f, 0.9f, 0.1f};
        assertEquals(2, RankingMetrics.rankAmong(nanCandidate, 2, new int[] {1, 3, 4}));
        assertEquals(2, RankingMetrics.rankFull(nanCandidate, 2, new BitSet()));
        BitSet withoutNan = new BitSet();
        withoutNan.set(1);
        assertEquals(1, RankingMetrics.rankFull(nanCandidate, 2, withoutNan));
    }

    @Test
    void hitRateAndNdcgFromRank() {
        assertEquals(1.0, RankingMetrics.hitRate(0, 5));
        assertEquals(1.0, RankingMetrics.hitRate(4, 5));
        assertEquals(0.0, RankingMetrics.hitRate(5, 5));
        assertEquals(1.0, RankingMetrics.ndcg(0, 10), 1e-12);
        assertEquals(0.5, RankingMetrics.ndcg(2, 10), 1e-12); // 1/log2(4)
        assertEquals(1 / (Math.log(3) / Math.log(2)), RankingMetrics.ndcg(1, 10), 1e-12); // 0.6309
        assertEquals(0.2890648263178879, RankingMetrics.ndcg(9, 10), 1e-12); // 1/log2(11)
        assertEquals(0.0, RankingMetrics.ndcg(10, 10));
    }
}
