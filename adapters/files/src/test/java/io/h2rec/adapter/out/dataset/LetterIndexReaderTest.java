package io.h2rec.adapter.out.dataset;

import io.h2rec.domain.model.ItemId;
import io.h2rec.domain.model.SemanticId;
import io.h2rec.domain.quantization.SidStatistics;
import io.h2rec.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LetterIndexReaderTest {

    @Test
    void readsBeautysShippedCodes() {
        Map<ItemId, int[]> codes = new LetterIndexReader().load(SharedData.dataset("amazon-beauty").toString());
        assertEquals(12_101, codes.size());
        assertArrayEquals(new int[] {183, 70, 232, 6}, codes.get(ItemId.of("0")));
        var ids = codes.values().stream().map(SemanticId::new).toList();
        // SOURCE.md: 12,088 distinct 4-tuples for 12,101 items.
        assertEquals(12_088, SidStatistics.distinctTuples(ids));
    }

    @Test
    void malformedTokenNamesTheEntryButNotItsValue(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("Toy.index.json"), "{\"0\": [\"<a_1>\", \"<b_2>\"], \"5\": [\"<a_1>\", \"b7\"]}");
        DatasetFormatException e = assertThrows(DatasetFormatException.class,
                () -> new LetterIndexReader().load(dir.toString()));
        assertTrue(e.getMessage().contains("entry 2") && e.getMessage().contains("code token 2"), e.getMessage());
        assertTrue(!e.getMessage().contains("b7"), "no contents of the file in the message: " + e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new LetterIndexReader().load(dir.resolve("x").toString()));
    }
}
