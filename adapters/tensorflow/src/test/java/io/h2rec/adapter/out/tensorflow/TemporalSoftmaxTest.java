package io.h2rec.adapter.out.tensorflow;

import io.h2rec.domain.model.DatasetSplit;
import io.h2rec.domain.model.ModelWeights;
import io.h2rec.domain.model.SplitProtocol;
import io.h2rec.domain.model.WeightNames;
import io.h2rec.domain.port.out.TrainedModel;
import io.h2rec.domain.model.TrainingListener;
import io.h2rec.domain.port.out.TrainingRequest;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The full softmax (ce) under a temporal split spans the catalogue at t1: an item first seen after t1
 * is no class, so its hash-ID row gets no gradient and stays as initialised, while the rows of items
 * seen before t1 train. (The toy split of {@link TrainingBatchesTest}: i8 and i9, indices 9 and 10,
 * are first seen after t1.)
 */
class TemporalSoftmaxTest {
    private static final TfTrainer TRAINER = new TfTrainer();

    private static float[][] hashRows(DatasetSplit split, TrainingListener listener) {
        Map<String, String> config = TRAINER.resolveConfig("sasrec",
                Map.of("loss", "ce", "hidden", "8", "max_len", "5", "batch", "4", "epochs", "5", "dropout", "0"));
        try (TrainedModel m = TRAINER.train(new TrainingRequest("sasrec", config, 11, split, null, listener, null))) {
            ModelWeights w = m.weights();
            return w.array(WeightNames.HID).matrix();
        }
    }

    @Test
    void itemsFirstSeenAfterT1AreNoSoftmaxClass() {
        DatasetSplit temporal = TrainingBatchesTest.split(SplitProtocol.temporal(0.6, 0.8));
        assertArrayEquals(new int[] {1, 2, 3, 4, 5, 6, 7, 8}, TrainingBatches.seenInTraining(temporal));
        float[][] initial = hashRows(temporal, TfTrainerTest.UNTRAINED);
        float[][] trained = hashRows(temporal, TrainingListener.NONE);
        assertEquals(11, trained.length);
        for (int unseen : new int[] {9, 10}) {
            assertArrayEquals(initial[unseen], trained[unseen], "item " + unseen + " is first seen after t1");
        }
        for (int seen = 1; seen <= 8; seen++) {
            assertFalse(Arrays.equals(initial[seen], trained[seen]), "item " + seen + " trains");
        }
    }
}
