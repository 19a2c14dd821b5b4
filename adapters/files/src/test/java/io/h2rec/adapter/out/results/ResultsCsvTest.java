package io.h2rec.adapter.out.results;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A result file the user hands in (ledger-backfill's --report) is read or refused as a mistake naming the file. */
class ResultsCsvTest {
    private static final List<String> HEADER = List.of("model", "value");

    @Test
    void rowsAreReadByColumnNameAndAMissingFileHasNone(@TempDir Path dir) throws IOException {
        Path csv = Files.writeString(dir.resolve("r.csv"), "value,model\n0.5,sasrec\n");
        assertEquals(List.of(Map.of("model", "sasrec", "value", "0.5")), ResultsCsv.read(csv, HEADER));
        assertEquals(List.of(), ResultsCsv.read(dir.resolve("none.csv"), HEADER));
    }

    /** Found from outside: bytes that are not UTF-8 were an I/O failure ("cannot read", exit 1), not the user's file. */
    @Test
    void aFileThatIsNotUtf8OrNotCsvIsTheUsersMistakeNamingTheFile(@TempDir Path dir) throws IOException {
        Path latin1 = Files.write(dir.resolve("latin1.csv"), new byte[]{'m', 'o', 'd', 'e', 'l', ',', 'v', 'a', 'l', 'u',
                'e', '\n', 'c', 'a', 'f', (byte) 0xE9, ',', '1', '\n'});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ResultsCsv.read(latin1, HEADER));
        assertTrue(e.getMessage().contains(latin1.toString()) && e.getMessage().contains("UTF-8"), e.getMessage());

        Path quote = Files.writeString(dir.resolve("quote.csv"), "model,value\n\"sasrec,0.5\n");
        e = assertThrows(IllegalArgumentException.class, () -> ResultsCsv.read(quote, HEADER));
        assertTrue(e.getMessage().contains(quote.toString()), e.getMessage());

        Path other = Files.writeString(dir.resolve("other.csv"), "a,b,c\n1,2,3\n");
        e = assertThrows(IllegalArgumentException.class, () -> ResultsCsv.read(other, HEADER));
        assertTrue(e.getMessage().contains("line 2") && e.getMessage().contains("expected [model, value]"), e.getMessage());
    }

    @Test
    void anEmptyFileHasNoRows(@TempDir Path dir) throws IOException {
        assertEquals(List.of(), ResultsCsv.read(Files.writeString(dir.resolve("empty.csv"), ""), HEADER));
    }
}
