package io.h2rec.adapter.out.artifacts;

import io.h2rec.domain.model.EvaluationProtocol;
import io.h2rec.domain.model.ItemId;
import io.h2rec.domain.model.ModelWeights;
import io.h2rec.domain.model.PreparationParams;
import io.h2rec.domain.model.Provenance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Artifacts round-trip exactly, and a corrupted one is refused rather than served. */
class FileModelArtifactStoreTest {
    @TempDir
    Path root;

    static ModelWeights weights() {
        Map<String, ModelWeights.Array> arrays = new LinkedHashMap<>();
        arrays.put("hid", new ModelWeights.Array(new int[] {3, 2}, new float[] {0, 1, 2, 3, 4.5f, -5}));
        arrays.put("bias", new ModelWeights.Array(new int[] {2}, new float[] {Float.MIN_VALUE, 7}));
        return new ModelWeights("sasrec", Map.of("hidden", "2"), List.of(new ItemId("a"), new ItemId("b")), arrays);
    }

    static Provenance provenance() {
        return new Provenance("toy", "f00d", PreparationParams.DEFAULT, EvaluationProtocol.DEFAULT, null, "sasrec",
                Map.of("hidden", "2"), 42, "abc123", "CPU (2 threads)", "host");
    }

    @Test
    void savedWeightsLoadBackExactly() {
        FileModelArtifactStore store = new FileModelArtifactStore(root);
        var saved = store.save("run-1", weights(), provenance());
        assertEquals(64, saved.checksum().length());
        ModelWeights back = store.load(saved.uri());
        assertEquals("sasrec", back.modelType());
        assertEquals(List.of(new ItemId("a"), new ItemId("b")), back.itemIds());
        assertArrayEquals(new int[] {3, 2}, back.array("hid").shape());
        assertArrayEquals(weights().array("hid").values(), back.array("hid").values());
        assertArrayEquals(weights().array("bias").values(), back.array("bias").values());
        assertEquals("2", back.config().get("hidden"));
    }

    @Test
    void aCorruptedWeightsFileIsRefusedWithItsChecksum() throws Exception {
        FileModelArtifactStore store = new FileModelArtifactStore(root);
        var saved = store.save("run-2", weights(), provenance());
        Path bin = root.resolve("run-2").resolve("weights.bin");
        byte[] bytes = Files.readAllBytes(bin);
        bytes[5] ^= 1;
        Files.write(bin, bytes);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> store.load(saved.uri()));
        assertTrue(e.getMessage().contains("checksum"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> store.save("../escape", weights(), provenance()));
    }
}
