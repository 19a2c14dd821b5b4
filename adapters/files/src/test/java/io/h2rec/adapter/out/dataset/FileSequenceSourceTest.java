package io.h2rec.adapter.out.dataset;

import io.h2rec.domain.model.DatasetSplit;
import io.h2rec.domain.model.ItemId;
import io.h2rec.domain.model.EvalTarget;
import io.h2rec.domain.model.PreparationParams;
import io.h2rec.domain.model.SplitProtocol;
import io.h2rec.domain.model.RawDataset;
import io.h2rec.domain.dataset.DatasetPreparation;
import io.h2rec.testing.SharedData;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real datasets of ../shared/data, read in place; counts from each SOURCE.md. */
class FileSequenceSourceTest {
    private final FileSequenceSource source = new FileSequenceSource();

    @Test
    void readsBeautyAndPreparesTheLetterSplitInSeconds() {
        long t0 = System.nanoTime();
        RawDataset raw = source.load(SharedData.dataset("amazon-beauty").toString());
        DatasetSplit split = DatasetPreparation.prepare(raw, PreparationParams.DEFAULT);
        double seconds = (System.nanoTime() - t0) / 1e9;

        assertEquals("Beauty", raw.name());
        assertEquals("letter-json", raw.format());
        // Each user's order only: no global time to split on.
        assertFalse(raw.timestamped());
        assertFalse(FileSequenceSource.timestamped(SharedData.dataset("amazon-beauty").toString()));
        assertEquals(198_502, raw.interactions().size());
        assertEquals(12_101, raw.items().size());
        // Already 5-core: the filter keeps everything.
        assertEquals(22_363, split.numUsers());
        assertEquals(12_101, split.numItems());
        assertEquals(198_502, split.totalInteractions());
        // LETTER ids are 0-based ints: natural order makes dense index = id + 1.
        assertEquals(ItemId.of("0"), split.item(1).id());
        assertEquals("OPI Nail Lacquer, Simmer and Shimmer, 0.5-Fluid Ounce", split.item(1).field("title"));
        assertEquals("Beauty, Makeup, Nails, Nail Polish", split.item(1).field("categories"));
        // User "0" = [0,1,2,3,4]: test target item 4 -> index 5, validation target 3 -> 4.
        assertEquals("0", split.user(0).userId());
        assertEquals(5, split.testTarget(0));
        assertEquals(4, split.validationTarget(0));
        // Leave-one-out: two items per user leave training.
        assertEquals(198_502 - 2 * 22_363, split.trainingInteractions());
        assertTrue(seconds < 30, "reading and preparing Beauty took " + seconds + " s");
        System.out.printf("Beauty read + prepared in %.2f s%n", seconds);
    }

    @Test
    void readsMovieLensRecBoleFiles() {
        RawDataset raw = source.load(SharedData.dataset("movielens-100k").toString());
        assertEquals("ml-100k", raw.name());
        assertEquals(100_000, raw.interactions().size());
        assertTrue(raw.timestamped());
        assertTrue(FileSequenceSource.timestamped(SharedData.dataset("movielens-100k").toString()));
        // The first row of ml-100k.inter: user 196, item 242, timestamp 881250949 (epoch seconds, ticks of 1 ms).
        assertEquals(881_250_949_000L, raw.interactions().get(0).timestamp());
        assertEquals(1_682, raw.items().size());
        var toyStory = raw.items().stream().filter(i -> i.id().value().equals("1")).findFirst().orElseThrow();
        assertEquals("Toy Story", toyStory.field("title"));
        assertEquals("1995", toyStory.field("year"));
        assertEquals("Animation Children's Comedy", toyStory.field("categories"));
        DatasetSplit split = DatasetPreparation.prepare(raw, PreparationParams.DEFAULT);
        assertEquals(943, split.numUsers());
        assertTrue(split.numItems() <= 1_682 && split.numItems() > 1_300, "items " + split.numItems());

        // The temporal split at the 0.8/0.9 quantiles of the 5-core data's timestamps (evaluation.md).
        DatasetSplit temporal = DatasetPreparation.prepare(raw,
                PreparationParams.DEFAULT.withSplit(SplitProtocol.temporal()));
        assertEquals(split.numItems(), temporal.numItems());
        assertEquals(889_214_268_000L, temporal.validationFrom().orElseThrow());
        assertEquals(891_380_200_000L, temporal.testFrom().orElseThrow());
        assertEquals(79_428, temporal.trainingInteractions());
        assertEquals(9_813, temporal.cases(EvalTarget.VALIDATION));
        assertEquals(9_853, temporal.cases(EvalTarget.TEST));
        int[] popularity = temporal.trainingPopularity();
        assertEquals(9, java.util.stream.IntStream.rangeClosed(1, temporal.numItems()).filter(i -> popularity[i] == 0)
                .count(), "items first seen at or after t1");
    }

    @Test
    void readsYelpAndInstruments() {
        RawDataset yelp = source.load(SharedData.dataset("yelp").toString());
        assertEquals(316_354, yelp.interactions().size());
        assertEquals(20_033, yelp.items().size());
        assertEquals("The Great Greek", yelp.items().stream().filter(i -> i.id().value().equals("0"))
                .findFirst().orElseThrow().field("title"));

        RawDataset instruments = source.load(SharedData.dataset("amazon-instruments").toString());
        assertEquals(206_153, instruments.interactions().size());
        assertTrue(instruments.items().isEmpty(), "Instruments ships no item text");
        DatasetSplit split = DatasetPreparation.prepare(instruments, PreparationParams.DEFAULT);
        assertEquals(24_772, split.numUsers());
        assertEquals(9_922, split.numItems());
    }
}
