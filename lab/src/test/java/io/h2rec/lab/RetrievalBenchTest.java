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
        assertEquals(RetrievalBench.HEADER, rows.get(0));
        assertTrue(rows.get(0).startsWith("catalogue_items,method,recall_at_10,p50_ms,p99_ms,build_s,memory_mb"));
        String[] exact = rows.get(1).split(",", -1);
        String[] hnsw = rows.get(2).split(",", -1);
        // recall@10, @200, @1000 and the share of items the search can reach: all 1 for the exact scan
        assertEquals(List.of("1500", "exact", "1.0000", "1.0000", "1.0000", "1.0000", ""),
                List.of(exact[0], exact[1], exact[2], exact[12], exact[13], exact[14], exact[15]));
        assertEquals(List.of("1500", "hnsw"), List.of(hnsw[0], hnsw[1]));
        assertTrue(Double.parseDouble(hnsw[2]) >= 0.95, "recall@10 " + hnsw[2]);
        for (int col : new int[] {12, 13, 14}) {
            double v = Double.parseDouble(hnsw[col]);
            assertTrue(v > 0.5 && v <= 1, "column " + col + ": " + v);
        }
        assertEquals(io.h2rec.adapter.out.inference.retrieval.HnswIndexer.GRAPH, hnsw[15]);

        assertEquals(0, new CommandLine(new RetrievalBench()).execute("--sizes", "100", "--queries", "5", "--warmup", "0",
                "--candidates", "20", "--build-threads", "1", "--out", csv.toString(), "--append"));
        List<String> appended = Files.readAllLines(csv);
        assertEquals(5, appended.size(), "rows appended under the same header");
        String[] small = appended.get(3).split(",", -1);
        assertEquals(List.of("100", "exact", "", ""), List.of(small[0], small[1], small[12], small[13]),
                "no recall@200 or @1000 on 100 items");
    }

    @Test
    void rowsAreNotAppendedUnderAnotherHeader(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("old.csv");
        Files.write(csv, List.of("catalogue_items,method,recall_at_10", "10,exact,1.0"));
        String[] argv = {"retrieval", "--sizes", "100", "--out", csv.toString(), "--append"};
        CliProcess.assertMistake(CliProcess.run(Lab.class, ROOT, dir, argv), "retrieval",
                "--out " + csv + " has other columns than this benchmark writes");
        assertEquals(2, Files.readAllLines(csv).size(), "the file is left as it was");
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
