package io.h2rec.adapter.out.dataset;

import io.h2rec.domain.error.InvalidInputException;
import io.h2rec.domain.model.RawDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A malformed record is an error that names the file and where in it (line and column); nothing is
 * skipped, and no value read from the file appears in the message (issue 18).
 */
class MalformedInputTest {
    private final FileSequenceSource source = new FileSequenceSource();

    @Test
    void letterJsonWithAnObjectWhereAnItemShouldBe(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("Toy.inter.json"), "{\"0\": [1, 2, 3], \"7\": [4, {\"x\": 1}]}");
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> source.load(dir.toString()));
        assertTrue(e.getMessage().contains("Toy.inter.json"), e.getMessage());
        assertTrue(e.getMessage().contains("Toy.inter.json: line 1, column "), e.getMessage());
        assertTrue(!e.getMessage().contains("\"x\"") && !e.getMessage().contains(dir.toString()), e.getMessage());
    }

    @Test
    void truncatedLetterJson(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("Toy.inter.json"), "{\"0\": [1, 2, 3], \"1\": [4, 5");
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> source.load(dir.toString()));
        assertTrue(e.getMessage().contains("Toy.inter.json"), e.getMessage());
    }

    @Test
    void recBoleRowWithoutTimestamp(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("toy.inter"),
                "user_id:token\titem_id:token\ttimestamp:float\n1\t10\t100\n1\t11\t\n");
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> source.load(dir.toString()));
        assertTrue(e.getMessage().contains("toy.inter"), e.getMessage());
        assertTrue(e.getMessage().contains("line 3"), e.getMessage());
        assertTrue(e.getMessage().contains("timestamp"), e.getMessage());
    }

    @Test
    void plainCsvWithABadTimestampAndJsonlWithABadLine(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("interactions.csv"), "user,item,timestamp\nu1,a,1\nu1,b,yesterday\n");
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> source.load(dir.toString()));
        assertTrue(e.getMessage().contains("interactions.csv: line 3"), e.getMessage());
        assertTrue(e.getMessage().contains("interactions.csv: line 3, column 3"), e.getMessage());
        assertTrue(!e.getMessage().contains("yesterday") && !e.getMessage().contains(dir.toString()), e.getMessage());

        Files.writeString(dir.resolve("interactions.csv"), "user,item,timestamp\nu1,a,1\nu1,b,2\n");
        Files.writeString(dir.resolve("items.jsonl"), "{\"item\": \"a\", \"title\": \"A\"}\n{not json}\n");
        e = assertThrows(DatasetFormatException.class, () -> source.load(dir.toString()));
        assertTrue(e.getMessage().contains("items.jsonl: line 2"), e.getMessage());
        assertTrue(!e.getMessage().contains("not json"), e.getMessage());
    }

    @Test
    void plainLayoutHappyPath(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("interactions.csv"),
                "user,item,timestamp,rating\nu1,a,2024-01-02T00:00:00Z,5\nu1,b,1704067200,4\n");
        Files.writeString(dir.resolve("items.jsonl"),
                "{\"item\": \"a\", \"title\": \"A\", \"categories\": [\"x\", \"y\"], \"price\": 3.5}\n");
        RawDataset raw = source.load(dir.toString());
        assertEquals("plain", raw.format());
        assertEquals(2, raw.interactions().size());
        // ISO instant -> epoch ms; epoch seconds -> x1000: b (2024-01-01) precedes a (2024-01-02).
        assertTrue(raw.interactions().get(1).timestamp() < raw.interactions().get(0).timestamp());
        assertEquals("x, y", raw.items().get(0).field("categories"));
        assertEquals("3.5", raw.items().get(0).field("price"));
    }

    @Test
    void unknownLayout(@TempDir Path dir) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> source.load(dir.toString()));
        assertTrue(e.getMessage().contains("no known dataset layout"), e.getMessage());
        assertThrows(InvalidInputException.class, () -> source.load(dir.resolve("missing").toString()));
    }
}
