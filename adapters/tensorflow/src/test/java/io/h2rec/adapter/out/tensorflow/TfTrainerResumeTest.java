package io.h2rec.adapter.out.tensorflow;

import io.h2rec.domain.model.ModelWeights;
import io.h2rec.domain.model.RunCheckpoints;
import io.h2rec.domain.model.RunProgress;
import io.h2rec.domain.model.TrainingCheckpoint;
import io.h2rec.domain.model.TrainingListener;
import io.h2rec.domain.port.out.TrainedModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A run stopped after an epoch and resumed from its checkpoint ends bit for bit where the
 * uninterrupted run of the same seed ends: weights, best epoch and validation score. H2Rec draws
 * from a second random stream (its alignment sample), SASRec with gBCE from the shared negatives.
 */
class TfTrainerResumeTest {
    static final Map<String, String> RUN = Map.of("epochs", "6", "patience", "100", "dropout", "0.2");

    @BeforeAll
    static void data() throws Exception {
        TfTrainerTest.data();
    }

    /** A checkpoint kept in memory, counting saves. */
    static final class Memory implements RunCheckpoints {
        TrainingCheckpoint latest;
        final List<Integer> saved = new ArrayList<>();

        @Override
        public Optional<TrainingCheckpoint> latest() {
            return Optional.ofNullable(latest);
        }

        @Override
        public void save(TrainingCheckpoint checkpoint) {
            latest = checkpoint;
            saved.add(checkpoint.epoch());
        }
    }

    /** Stops training once epoch {@code at} is reported (the next epoch does not start). */
    static TrainingListener stopAfter(int at) {
        return new TrainingListener() {
            volatile boolean stop;

            @Override
            public void onProgress(RunProgress progress) {
                stop |= progress.epoch() >= at;
            }

            @Override
            public boolean cancelled() {
                return stop;
            }
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"sasrec", "h2rec"})
    void aResumedRunEndsExactlyAsTheUninterruptedOne(String model) {
        Map<String, String> params = new HashMap<>(RUN);
        if (model.equals("sasrec")) {
            params.put("loss", "gbce");
        }
        Map<String, float[]> uninterrupted;
        RunProgress expected;
        Memory full = new Memory();
        try (TrainedModel m = TfTrainerTest.train(model, 11, params, TrainingListener.NONE, full)) {
            uninterrupted = arrays(m.weights());
            expected = m.finalProgress();
        }
        assertEquals(List.of(1, 2, 3, 4, 5), full.saved, "a checkpoint after every epoch but the last");

        Memory checkpoints = new Memory();
        try (TrainedModel stopped = TfTrainerTest.train(model, 11, params, stopAfter(3), checkpoints)) {
            assertEquals(3, stopped.finalProgress().epoch());
        }
        assertEquals(3, checkpoints.latest.epoch());
        try (TrainedModel resumed = TfTrainerTest.train(model, 11, params, TrainingListener.NONE, checkpoints)) {
            assertEquals(expected.epoch(), resumed.finalProgress().epoch());
            assertEquals(expected.bestEpoch(), resumed.finalProgress().bestEpoch());
            assertEquals(expected.bestValidationNdcg(), resumed.finalProgress().bestValidationNdcg());
            Map<String, float[]> after = arrays(resumed.weights());
            assertEquals(uninterrupted.keySet(), after.keySet());
            for (String name : uninterrupted.keySet()) {
                assertArrayEquals(uninterrupted.get(name), after.get(name), model + ": " + name);
            }
        }
        assertTrue(checkpoints.saved.containsAll(List.of(4, 5)), "the resumed run kept checkpointing");
    }

    private static Map<String, float[]> arrays(ModelWeights w) {
        Map<String, float[]> out = new HashMap<>();
        w.arrays().forEach((name, a) -> out.put(name, a.values()));
        return out;
    }
}
