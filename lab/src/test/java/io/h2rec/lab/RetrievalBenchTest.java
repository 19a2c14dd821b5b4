package io.h2rec.lab;

import io.h2rec.testing.CliProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The retrieval benchmark on a tiny catalogue (no timing asserted) and its command line. */
class RetrievalBenchTest {
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    @Test
    void writesOneRowPerMethodAndSizeWithTheExactRowAsTruth(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("retrieval.csv");
        int code = new CommandLine(new RetrievalBench()).execute("--sizes", "1500", "--queries", "40", "--warmup", "5",
                "--candidates", "100", "--build-threads", "1", "--out", csv.toString());
        assertEquals(0, code);
        List<String> rows = Files.readAllLines(csv);
        assertEquals(3, rows.size(), String.join("\n", rows));
        assertTrue(rows.get(0).startsWith("catalogue_items,method,recall_at_10,p50_ms,p99_ms,build_s,memory_mb"));
        String[] exact = rows.get(1).split(",");
        String[] hnsw = rows.get(2).split(",");
        assertEquals(List.of("1500", "exact", "1.0000"), List.of(exact[0], exact[1], exact[2]));
        assertEquals(List.of("1500", "hnsw"), List.of(hnsw[0], hnsw[1]));
        assertTrue(Double.parseDouble(hnsw[2]) >= 0.95, "recall@10 " + hnsw[2]);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "--queries must be at least 1, got 0      | --queries 0",
            "--candidates must be at least 10, got 5  | --candidates 5",
            "--sizes must be at most 4000000          | --sizes 5000000",
            "retrieval max-conn must be in 2..128     | --m 1000",
            "'x' is not an int                        | --k x"})
    void aMistakeIsOneLineAndExitCode2(String expected, String args, @TempDir Path dir) {
        String[] argv = ("retrieval " + args).split(" ");
        CliProcess.assertMistake(CliProcess.run(Lab.class, ROOT, dir, argv), "retrieval", expected);
    }

    @Test
    void helpAnswersWithoutWork(@TempDir Path home) {
        CliProcess.assertHelp(CliProcess.run(Lab.class, ROOT, home, "retrieval", "--help"), "retrieval");
    }
}
