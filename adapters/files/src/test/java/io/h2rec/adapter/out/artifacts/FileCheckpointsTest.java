package io.h2rec.adapter.out.artifacts;

import io.h2rec.domain.model.RunCheckpoints;
import io.h2rec.domain.model.RunProgress;
import io.h2rec.domain.model.TrainingCheckpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Checkpoints round-trip exactly; a torn or corrupted file is ignored, never trusted. */
class FileCheckpointsTest {
    @TempDir
    Path root;

    @Test
    void roundTripCorruptionAndDelete() throws Exception {
        FileModelArtifactStore store = new FileModelArtifactStore(root);
        RunCheckpoints checkpoints = store.checkpoints("run-7");
        assertTrue(checkpoints.latest().isEmpty());
        RunProgress p = new RunProgress(3, 10, 0.5, Double.NaN, 2, 0.125, 1.5, "epoch 3");
        TrainingCheckpoint c = new TrainingCheckpoint("h".repeat(64), 3, 42, 0.125, 2, 4.5, p,
                Map.of("w", new float[] {1f, -2.5f, Float.MIN_VALUE}, "adam/step", new float[] {42f}),
                Map.of("w", new float[] {0.5f, 0f, 3f}));
        checkpoints.save(c);
        TrainingCheckpoint back = checkpoints.latest().orElseThrow();
        assertEquals(c.configHash(), back.configHash());
        assertEquals(3, back.epoch());
        assertEquals(42, back.steps());
        assertEquals(2, back.bestEpoch());
        assertEquals(p, back.progress());
        assertArrayEquals(c.weights().get("w"), back.weights().get("w"));
        assertArrayEquals(c.bestWeights().get("w"), back.bestWeights().get("w"));

        Path file = root.resolve("checkpoints/run-7.ckpt");
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 1;
        Files.write(file, bytes);
        assertTrue(checkpoints.latest().isEmpty(), "a flipped bit fails the checksum");
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 3));
        assertTrue(checkpoints.latest().isEmpty(), "a torn file is ignored");

        store.deleteCheckpoint("run-7");
        assertTrue(Files.notExists(file));
    }
}
