package io.h2rec.domain.dataset;

import io.h2rec.domain.model.DatasetSplit;
import io.h2rec.domain.model.FilterStats;
import io.h2rec.domain.model.Item;
import io.h2rec.domain.model.ItemId;
import io.h2rec.domain.model.PreparationParams;
import io.h2rec.domain.model.UserSequence;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

class PositivePairsTest {

    static DatasetSplit split(int items, int[]... sequences) {
        List<Item> list = new ArrayList<>();
        for (int i = 1; i <= items; i++) {
            list.add(new Item(ItemId.of("i" + i), Map.of()));
        }
        List<UserSequence> users = new ArrayList<>();
        for (int u = 0; u < sequences.length; u++) {
            users.add(new UserSequence("u" + u, sequences[u]));
        }
        return new DatasetSplit("toy", PreparationParams.DEFAULT, new FilterStats(0, 0, 0, 0, 0, 0, 1), list, users, "f");
    }

    @Test
    void trainingCooccurrenceWithinTheWindowAndIdenticalCodesOnly() {
        // u0 = [1, 2, 3, 4 | 5, 6]: training [1, 2, 3, 4]; 5 (validation) and 6 (test) never count.
        // u1 = [2, 1, 7 | 8, 9]: training [2, 1, 7].
        DatasetSplit s = split(9, new int[] {1, 2, 3, 4, 5, 6}, new int[] {2, 1, 7, 8, 9});
        int[][] codes = new int[10][];
        for (int i = 0; i <= 9; i++) {
            codes[i] = new int[] {i, 0};
        }
        codes[9] = new int[] {1, 0}; // item 9 shares item 1's full tuple
        int[][] p = PositivePairs.build(s, codes, 1, 50);
        // Item 1: itself, 9 (same tuple), then co-occurring within +-1: 2 twice (u0 and u1), 7 once.
        assertArrayEquals(new int[] {1, 9, 2, 7}, p[1]);
        // Item 4: neighbour 3 only; 5 is a validation item, not a training one.
        assertArrayEquals(new int[] {4, 3}, p[4]);
        // Item 5 never occurs in training: itself only.
        assertArrayEquals(new int[] {5}, p[5]);
    }

    @Test
    void windowAndCap() {
        DatasetSplit s = split(6, new int[] {1, 2, 3, 4, 5, 6, 6, 6});
        int[][] codes = new int[7][];
        for (int i = 0; i <= 6; i++) {
            codes[i] = new int[] {i};
        }
        // Training [1..6]: item 3 with window 2 co-occurs with 1, 2, 4, 5 (once each, ties by index).
        assertArrayEquals(new int[] {3, 1, 2, 4, 5}, PositivePairs.build(s, codes, 2, 50)[3]);
        assertArrayEquals(new int[] {3, 1, 2}, PositivePairs.build(s, codes, 2, 3)[3]);
    }
}
