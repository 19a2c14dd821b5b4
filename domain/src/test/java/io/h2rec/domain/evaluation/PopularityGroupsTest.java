package io.h2rec.domain.evaluation;

import io.h2rec.domain.model.EvaluationProtocol;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PopularityGroupsTest {

    @Test
    void headIsTheTopFifthOfItemsAndBucketsFollowTheEdges() {
        //              pad  1    2   3  4  5   6  7  8   9  10
        int[] pop = {0, 150, 5, 0, 12, 30, 60, 9, 100, 1, 5};
        PopularityGroups g = new PopularityGroups(pop, EvaluationProtocol.DEFAULT);
        // round(0.2 * 10) = 2 head items: 1 (150) and 8 (100).
        assertEquals(2, g.headSize());
        assertTrue(g.isHead(1));
        assertTrue(g.isHead(8));
        assertFalse(g.isHead(6));
        // Buckets [1-9]=0 (0 falls here too), [10-29]=1, [30-59]=2, [60-99]=3, [100+]=4.
        assertEquals(0, g.bucketOf(3));
        assertEquals(0, g.bucketOf(7));
        assertEquals(1, g.bucketOf(4));
        assertEquals(2, g.bucketOf(5));
        assertEquals(3, g.bucketOf(6));
        assertEquals(4, g.bucketOf(8));
        assertEquals("b1_9", EvaluationProtocol.DEFAULT.bucketLabel(0));
        assertEquals("b100_", EvaluationProtocol.DEFAULT.bucketLabel(4));
    }

    @Test
    void headTiesBreakTowardsLowerIndex() {
        int[] pop = {0, 3, 7, 7, 7, 1};
        PopularityGroups g = new PopularityGroups(pop, EvaluationProtocol.DEFAULT);
        // round(0.2 * 5) = 1: items 2, 3, 4 tie at 7, the lowest index wins.
        assertTrue(g.isHead(2));
        assertFalse(g.isHead(3));
    }
}
