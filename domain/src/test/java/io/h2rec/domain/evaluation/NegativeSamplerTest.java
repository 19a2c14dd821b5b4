package io.h2rec.domain.evaluation;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.BitSet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NegativeSamplerTest {

    @Test
    void sameSeedSameNegativesDistinctAndOutsideHistory() {
        BitSet history = new BitSet();
        history.set(1);
        history.set(3);
        history.set(5);
        NegativeSampler a = new NegativeSampler(20, 42);
        NegativeSampler b = new NegativeSampler(20, 42);
        int[] x = a.sample(7, 1, history, 10);
        assertArrayEquals(x, b.sample(7, 1, history, 10));
        assertEquals(10, Arrays.stream(x).distinct().count());
        for (int i : x) {
            assertTrue(i >= 1 && i <= 20);
            assertFalse(history.get(i), "negative " + i + " is in the history");
        }
        // Another user, purpose or seed gives other draws.
        assertFalse(Arrays.equals(x, a.sample(8, 1, history, 10)));
        assertFalse(Arrays.equals(x, a.sample(7, 0, history, 10)));
        assertFalse(Arrays.equals(x, new NegativeSampler(20, 43).sample(7, 1, history, 10)));
    }

    @Test
    void takesEveryRemainingItemWhenAskedForAllAndRefusesMore() {
        BitSet history = new BitSet();
        history.set(2);
        int[] all = new NegativeSampler(4, 1).sample(0, 0, history, 3);
        Arrays.sort(all);
        assertArrayEquals(new int[] {1, 3, 4}, all);
        assertThrows(IllegalArgumentException.class, () -> new NegativeSampler(4, 1).sample(0, 0, history, 4));
    }
}
