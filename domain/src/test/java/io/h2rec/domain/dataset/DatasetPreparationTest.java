package io.h2rec.domain.dataset;

import io.h2rec.domain.error.InvalidInputException;
import io.h2rec.domain.model.DatasetSplit;
import io.h2rec.domain.model.Interaction;
import io.h2rec.domain.model.Item;
import io.h2rec.domain.model.ItemId;
import io.h2rec.domain.model.PreparationParams;
import io.h2rec.domain.model.RawDataset;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DatasetPreparationTest {

    private static Interaction at(String user, String item, long t) {
        return new Interaction(user, ItemId.of(item), t);
    }

    private static RawDataset raw(List<Interaction> events) {
        return new RawDataset("toy", "test", "memory", events, List.of());
    }

    @Test
    void ordersByTimeStablyOnTiesAndSplitsLeaveOneOut() {
        // User u: events given out of time order; "b" and "c" share t=2 and keep input order (b then c).
        List<Interaction> events = List.of(
                at("u", "d", 3), at("u", "b", 2), at("u", "a", 1), at("u", "c", 2));
        DatasetSplit split = DatasetPreparation.prepare(raw(events), new PreparationParams(1, 3));

        // Natural order of ids: a=1, b=2, c=3, d=4. Time order: a(1) b(2) c(2) d(3).
        assertArrayEquals(new int[] {1, 2, 3, 4}, split.user(0).items());
        assertArrayEquals(new int[] {1, 2}, split.trainingSequence(0));
        assertArrayEquals(new int[] {1, 2}, split.validationInput(0));
        assertEquals(3, split.validationTarget(0));
        assertArrayEquals(new int[] {1, 2, 3}, split.testInput(0));
        assertEquals(4, split.testTarget(0));
        // Training popularity counts only a and b.
        assertArrayEquals(new int[] {0, 1, 1, 0, 0}, split.trainingPopularity());
    }

    @Test
    void kCoreIteratesUntilStable() {
        // k = 2, min user length 3.
        // Users: u1 = [x, y, z], u2 = [x, y, w], u3 = [z, v, v2]. Round 1 drops v, v2, w (count 1);
        // round 2 drops u2 = [x, y] and u3 = [z] (< 3); round 3 drops x, y, z (count 1 each, u1 only).
        // Nothing survives: the filter must say so rather than return an empty split.
        List<Interaction> collapsing = List.of(
                at("u1", "x", 1), at("u1", "y", 2), at("u1", "z", 3),
                at("u2", "x", 1), at("u2", "y", 2), at("u2", "w", 3),
                at("u3", "z", 1), at("u3", "v", 2), at("u3", "v2", 3));
        assertThrows(InvalidInputException.class,
                () -> DatasetPreparation.prepare(raw(collapsing), new PreparationParams(2, 3)));

        // Add a fourth user that keeps x, y, z alive: u4 = [x, y, z].
        List<Interaction> events = new ArrayList<>(collapsing);
        events.addAll(List.of(at("u4", "x", 1), at("u4", "y", 2), at("u4", "z", 3)));
        DatasetSplit split = DatasetPreparation.prepare(raw(events), new PreparationParams(2, 3));
        // Round 1 drops v, v2, w (count 1). u2 -> [x, y], u3 -> [z]: both < 3, dropped in round 2.
        // Round 3: x, y, z each count 2 (u1, u4): stable. Items x=1, y=2, z=3 (natural order x<y<z).
        assertEquals(2, split.numUsers());
        assertEquals(3, split.numItems());
        assertEquals("u1", split.user(0).userId());
        assertEquals("u4", split.user(1).userId());
        assertArrayEquals(new int[] {1, 2, 3}, split.user(0).items());
        assertEquals(ItemId.of("x"), split.item(1).id());
        assertEquals(ItemId.of("z"), split.item(3).id());
        assertEquals(3, split.indexOf(ItemId.of("z")).orElseThrow());
        assertEquals(4, split.stats().usersBefore());
        assertEquals(6, split.stats().itemsBefore());
        assertEquals(12, split.stats().interactionsBefore());
        assertEquals(6, split.stats().interactionsAfter());
        assertEquals(3, split.stats().iterations());
    }

    @Test
    void itemsAreReindexedInNumericOrderAndKeepTheirText() {
        List<Interaction> events = List.of(at("1", "10", 1), at("1", "2", 2), at("1", "33", 3),
                at("10", "2", 1), at("10", "33", 2), at("10", "10", 3));
        Item ten = new Item(ItemId.of("10"), Map.of("title", "Ten"));
        DatasetSplit split = DatasetPreparation.prepare(
                new RawDataset("toy", "test", "memory", events, List.of(ten)), new PreparationParams(1, 3));
        // "2" < "10" < "33" numerically.
        assertEquals(ItemId.of("2"), split.item(1).id());
        assertEquals("Ten", split.item(2).field("title"));
        assertEquals("", split.item(3).field("title"));
        assertArrayEquals(new int[] {2, 1, 3}, split.user(0).items());
        assertEquals("10", split.user(1).userId());
    }

    @Test
    void fingerprintChangesWithDataAndParameters() {
        List<Interaction> events = List.of(at("u", "a", 1), at("u", "b", 2), at("u", "c", 3));
        String f1 = DatasetPreparation.prepare(raw(events), new PreparationParams(1, 3)).fingerprint();
        String f2 = DatasetPreparation.prepare(raw(events), new PreparationParams(1, 3)).fingerprint();
        String f3 = DatasetPreparation.prepare(raw(List.of(at("u", "a", 1), at("u", "c", 2), at("u", "b", 3))),
                new PreparationParams(1, 3)).fingerprint();
        DatasetSplit s = DatasetPreparation.prepare(raw(events), new PreparationParams(1, 3));
        String f4 = DatasetPreparation.fingerprint(new PreparationParams(2, 3), s.items(), s.users());
        assertEquals(f1, f2);
        assertNotEquals(f1, f3);
        assertNotEquals(f1, f4);
        assertEquals(64, f1.length());
    }

    @Test
    void emptyDatasetIsAnError() {
        assertThrows(InvalidInputException.class,
                () -> DatasetPreparation.prepare(raw(List.of()), PreparationParams.DEFAULT));
    }
}
