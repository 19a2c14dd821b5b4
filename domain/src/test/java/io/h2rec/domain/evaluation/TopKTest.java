package io.h2rec.domain.evaluation;

import org.junit.jupiter.api.Test;

import java.util.BitSet;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

class TopKTest {
    private static final float NAN = Float.NaN;

    @Test
    void bestFirstTiesToTheLowerIndexAndPaddingNeverReturned() {
        //                 pad   1     2     3     4     5     6
        float[] scores = {9f, 0.5f, 0.9f, 0.5f, 0.1f, 0.9f, 0.7f};
        assertArrayEquals(new int[] {2, 5, 6, 1}, TopK.select(scores, 4, null, new BitSet()));
    }

    @Test
    void excludedNanAndOutOfRangeCandidatesAreSkipped() {
        float[] scores = {0f, 0.5f, 0.9f, NAN, 0.1f, 0.8f};
        BitSet excluded = new BitSet();
        excluded.set(2);
        assertArrayEquals(new int[] {5, 1, 4}, TopK.select(scores, 10, null, excluded));
        assertArrayEquals(new int[] {1, 4}, TopK.select(scores, 2, new int[] {4, 0, 3, 1, 9, -1}, new BitSet()));
        assertArrayEquals(new int[] {}, TopK.select(scores, 3, new int[] {}, new BitSet()));
    }

    @Test
    void agreesWithAFullSortOnRandomScoresWithTies() {
        SplittableRandom rnd = new SplittableRandom(7);
        for (int round = 0; round < 200; round++) {
            int n = 1 + rnd.nextInt(300);
            float[] scores = new float[n + 1];
            for (int i = 1; i <= n; i++) {
                scores[i] = rnd.nextInt(20) / 4f;   // many ties
            }
            BitSet excluded = new BitSet();
            for (int i = 1; i <= n; i++) {
                if (rnd.nextInt(10) == 0) {
                    excluded.set(i);
                }
            }
            int k = 1 + rnd.nextInt(40);
            int[] expected = IntStream.rangeClosed(1, n).filter(i -> !excluded.get(i)).boxed()
                    .sorted(Comparator.<Integer>comparingDouble(i -> -scores[i]).thenComparingInt(i -> i))
                    .limit(k).mapToInt(Integer::intValue).toArray();
            assertArrayEquals(expected, TopK.select(scores, k, null, excluded), "round " + round);
        }
    }

    @Test
    void amongACandidateSetPositionsComeBestFirstWithTheSameRules() {
        int[] items = {3, 8, 20, 41, 57};
        float[] scores = {0.4f, 0.9f, 0.4f, 0.9f, 0.7f};
        BitSet excluded = new BitSet();
        excluded.set(57);
        // 8 and 41 tie: the lower item first; 57 is excluded; 3 and 20 tie.
        assertArrayEquals(new int[] {1, 3, 0, 2}, TopK.selectAmong(items, scores, 10, excluded));
        assertArrayEquals(new int[] {1}, TopK.selectAmong(items, scores, 1, excluded));
    }
}
