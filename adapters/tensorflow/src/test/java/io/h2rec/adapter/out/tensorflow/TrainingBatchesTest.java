package io.h2rec.adapter.out.tensorflow;

import io.h2rec.domain.error.InvalidInputException;
import io.h2rec.domain.model.DatasetSplit;
import io.h2rec.domain.model.Interaction;
import io.h2rec.domain.model.ItemId;
import io.h2rec.domain.model.ModelCatalog;
import io.h2rec.domain.model.ModelSpec;
import io.h2rec.domain.model.PreparationParams;
import io.h2rec.domain.model.RawDataset;
import io.h2rec.domain.model.SplitProtocol;
import io.h2rec.domain.dataset.DatasetPreparation;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainingBatchesTest {
    /**
     * Items i0..i9 (indices 1..10). Users u0..u5 rate i(u), i(u+1), i(u+2) at times 1, 2, 3 and i8, i9 at
     * 10, 11: the quantile cuts 0.6/0.8 of the 30 timestamps are t1 = 10 (index 18) and t2 = 11 (index 24),
     * so i8 and i9 are seen only after t1: the catalogue at t1 is i0..i7.
     */
    static DatasetSplit split(SplitProtocol protocol) {
        List<Interaction> events = new ArrayList<>();
        for (int u = 0; u < 6; u++) {
            for (int t = 0; t < 3; t++) {
                events.add(new Interaction("u" + u, ItemId.of("i" + (u + t)), (t + 1) * 1000L));
            }
            events.add(new Interaction("u" + u, ItemId.of("i8"), 10_000L));
            events.add(new Interaction("u" + u, ItemId.of("i9"), 11_000L));
        }
        return DatasetPreparation.prepare(new RawDataset("toy", "test", "memory", events, List.of(), true),
                new PreparationParams(1, 3, protocol));
    }

    private static TreeSet<Integer> negatives(DatasetSplit split, String loss) {
        ModelSpec c = ModelCatalog.parse("sasrec", loss.equals("bce") ? Map.of("loss", loss)
                : Map.of("loss", loss, "negatives", "16"));
        TrainingBatches batches = new TrainingBatches(split, 5, false);
        SplittableRandom rnd = new SplittableRandom(7);
        TreeSet<Integer> drawn = new TreeSet<>();
        for (int epoch = 0; epoch < 50; epoch++) {
            int[] order = batches.epochOrder(rnd, 4);
            for (int from = 0; from < order.length; from += 4) {
                TrainingBatches.Batch b = batches.batch(order, from, Math.min(order.length, from + 4), rnd, c);
                for (int n : b.neg()) {
                    if (n > 0) {
                        drawn.add(n);
                    }
                }
                for (int n : b.negatives()) {
                    drawn.add(n);
                }
            }
        }
        return drawn;
    }

    @Test
    void aTemporalSplitDrawsNegativesFromTheCatalogueAtT1Only() {
        DatasetSplit temporal = split(SplitProtocol.temporal(0.6, 0.8));
        assertArrayEquals(new int[] {1, 2, 3, 4, 5, 6, 7, 8}, TrainingBatches.seenInTraining(temporal));
        assertEquals(new TreeSet<>(List.of(1, 2, 3, 4, 5, 6, 7, 8)), negatives(temporal, "bce"));
        assertEquals(new TreeSet<>(List.of(1, 2, 3, 4, 5, 6, 7, 8)), negatives(temporal, "sampled_softmax"));
        // Leave-one-out draws from every item, as it always did (here i8 trains for nobody, i9 is never a
        // training item, but both exist at training time).
        TreeSet<Integer> loo = negatives(split(SplitProtocol.LEAVE_ONE_OUT), "sampled_softmax");
        assertEquals(10, loo.size(), loo.toString());
    }

    /** A user whose training items are the whole catalogue has no BCE negative: refused with why, never a hang. */
    @Test
    void bceRefusesAUserWhoHasEveryItem() {
        List<Interaction> events = new ArrayList<>();
        String[] u0 = {"i0", "i1", "i2", "i0", "i1"};   // trains on i0, i1, i2: every item
        for (int t = 0; t < u0.length; t++) {
            events.add(new Interaction("u0", ItemId.of(u0[t]), (t + 1) * 1000L));
        }
        for (int t = 0; t < 3; t++) {
            events.add(new Interaction("u1", ItemId.of("i" + t), (t + 1) * 1000L));
        }
        DatasetSplit split = DatasetPreparation.prepare(new RawDataset("toy", "test", "memory", events, List.of(), true),
                new PreparationParams(1, 3, SplitProtocol.LEAVE_ONE_OUT));
        assertEquals(3, split.numItems());
        ModelSpec c = ModelCatalog.parse("sasrec", Map.of("loss", "bce"));
        TrainingBatches batches = new TrainingBatches(split, 5, false);
        SplittableRandom rnd = new SplittableRandom(7);
        int[] order = batches.epochOrder(rnd, 4);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> batches.batch(order, 0, order.length, rnd, c));
        assertTrue(e.getMessage().contains("every one of the 3 items"), e.getMessage());
    }
}
