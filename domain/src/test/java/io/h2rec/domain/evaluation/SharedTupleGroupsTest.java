package io.h2rec.domain.evaluation;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Targets split by popularity and by a shared semantic ID, worked by hand. */
class SharedTupleGroupsTest {
    // item 0 is padding; items 1 and 2 share (1, 2); 3 and 4 have tuples of their own
    static final int[][] CODES = {{0, 0}, {1, 2}, {1, 2}, {1, 3}, {5, 5}};

    @Test
    void anItemIsSharedWhenAnotherHasItsWholeTuple() {
        assertArrayEquals(new boolean[] {false, true, true, false, false}, SharedTupleGroups.shared(CODES));
        assertArrayEquals(new boolean[] {false, false}, SharedTupleGroups.shared(new int[][] {{1, 2}, {1, 2}}),
                "the padding row is nobody's tuple");
    }

    @Test
    void eachTargetCountsInOverallItsPopularityAndItsPopularityBySharing() {
        boolean[] head = {false, true, false, true, false};
        // target 1 at rank 0 (head, shared), 2 at rank 3 (tail, shared), 3 at rank 10 (head, unique: a miss at 10),
        // 4 at rank 1 (tail, unique); NDCG@10 of rank r is 1 / log2(r + 2)
        List<SharedTupleGroups.Row> rows = SharedTupleGroups.summarise(new int[] {1, 2, 3, 4}, new int[] {0, 3, 10, 1},
                head, SharedTupleGroups.shared(CODES), 10);
        double r3 = 1 / (Math.log(5) / Math.log(2));
        double r1 = 1 / (Math.log(3) / Math.log(2));
        assertEquals(SharedTupleGroups.GROUPS, rows.stream().map(SharedTupleGroups.Row::group).toList());
        assertRow(rows.get(0), 4, 0.75, (1 + r3 + r1) / 4);
        assertRow(rows.get(1), 2, 0.5, 0.5);
        assertRow(rows.get(2), 1, 0, 0);
        assertRow(rows.get(3), 1, 1, 1);
        assertRow(rows.get(4), 2, 1, (r3 + r1) / 2);
        assertRow(rows.get(5), 1, 1, r1);
        assertRow(rows.get(6), 1, 1, r3);
    }

    @Test
    void aGroupWithoutTargetsHasNoFigures() {
        List<SharedTupleGroups.Row> rows = SharedTupleGroups.summarise(new int[] {3}, new int[] {0},
                new boolean[] {false, true, false, true, false}, SharedTupleGroups.shared(CODES), 10);
        assertEquals(0, rows.get(4).support());
        assertTrue(Double.isNaN(rows.get(4).hr()));
        assertThrows(IllegalArgumentException.class, () -> SharedTupleGroups.summarise(new int[] {3}, new int[0],
                new boolean[5], new boolean[5], 10));
    }

    private static void assertRow(SharedTupleGroups.Row row, int support, double hr, double ndcg) {
        assertEquals(support, row.support(), row.group());
        assertEquals(hr, row.hr(), 1e-12, row.group());
        assertEquals(ndcg, row.ndcg(), 1e-12, row.group());
    }
}
