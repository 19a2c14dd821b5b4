package io.h2rec.training.adapter.in.cli;

import io.h2rec.domain.port.out.ExperimentStore;
import io.h2rec.testing.EmbeddedPostgresResource;
import io.h2rec.testing.SyntheticData;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The reproduction sweep's bookkeeping on a synthetic dataset: resume, report coverage, dry run. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class ReproduceCommandTest {
    /** A fresh command per invocation: picocli keeps a reused object's fields from the previous parse. */
    @Inject
    Instance<ReproduceCommand> commands;

    @Inject
    ExperimentStore store;

    private String run(String... args) {
        return run(0, args);
    }

    private String run(int expectedExit, String... args) {
        ReproduceCommand reproduce = commands.get();
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        reproduce.out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        int code = new CommandLine(reproduce).execute(args);
        String printed = buffer.toString(StandardCharsets.UTF_8);
        assertEquals(expectedExit, code, printed);
        return printed;
    }

    /** The one result file with this suffix in an output directory (named after the dataset). */
    private static String csv(Path out) throws IOException {
        return file(out, ".csv");
    }

    private static String file(Path out, String suffix) throws IOException {
        return Files.readString(path(out, suffix));
    }

    private static Path path(Path out, String suffix) throws IOException {
        try (var files = Files.list(out)) {
            return files.filter(p -> p.toString().endsWith(suffix)).findFirst().orElseThrow();
        }
    }

    @Test
    void onlyNamesAnEntryByLabelOrByModelAtQuantizer() {
        ReproduceCommand c = new ReproduceCommand();
        c.seeds = List.of(42L);
        c.ablationSeeds = List.of(42L);
        var plan = c.plan();
        for (String name : List.of("h2rec@pq", "h2rec_pq")) {
            c.only = List.of(name);
            assertEquals(List.of("h2rec_pq"),
                    plan.stream().filter(c::selected).map(ReproduceCommand.Entry::label).toList(), name);
        }
        c.only = List.of("h2rec");
        assertEquals(List.of("h2rec"),
                plan.stream().filter(c::selected).map(ReproduceCommand.Entry::label).toList());
        c.only = List.of("h2rec@pq", "h2rec-pq", "sasrec");
        assertEquals(List.of("h2rec-pq"), c.unknownOnly(plan));
    }

    @Test
    void anUnknownOnlyEntryIsAClearErrorBeforeAnyWork() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CommandLine cli = new CommandLine(commands.get());
        cli.setErr(new java.io.PrintWriter(err, true));
        int code = cli.execute("--dataset", "/nonexistent", "--only", "h2rec-pq");
        String printed = err.toString(StandardCharsets.UTF_8);
        assertEquals(2, code, printed);
        assertTrue(printed.contains("--only: no entry named [h2rec-pq]") && printed.contains("h2rec_pq"), printed);
    }

    @Test
    void finishedRunsStayReportedAndADryRunWritesNothing(@TempDir Path dir) throws IOException {
        Path data = dir.resolve("data");
        SyntheticData.write(data, 300, 120, 6, 11);
        Path first = dir.resolve("first");
        String printed = run("--dataset", data.toString(), "--only", "popular", "--seeds", "42,43",
                "--out", first.toString());
        assertTrue(printed.contains("popular seed 43: training"), printed);
        // An entry whose codebook is not built is still listed, not passed over in silence.
        assertTrue(printed.contains("h2rec_pq seed 42: skipped (--only), no pq codebook yet"), printed);
        assertTrue(csv(first).contains("popular,43,"));
        String md = file(first, ".md");
        assertTrue(md.contains("| s/epoch | minutes |"), md);
        assertTrue(md.matches("(?s).*\\n\\| popular \\| 43 \\| \\d+ \\|[^\\n]* \\d+\\.\\d \\|[^\\n]*\\n.*"), md);
        assertTrue(md.matches("(?s).*time of the runs above: \\d+\\.\\d h.*"), md);

        // Another invocation with fewer seeds resumes (trains nothing) and still reports seed 43.
        Path second = dir.resolve("second");
        printed = run("--dataset", data.toString(), "--only", "popular", "--seeds", "42", "--ablation-seeds", "43",
                "--out", second.toString());
        assertFalse(printed.contains("training"), printed);
        assertTrue(printed.contains("popular seed 43: done"), printed);
        String csv = csv(second);
        assertTrue(csv.contains("popular,42,") && csv.contains("popular,43,"), csv);

        // A dry run lists what is left, including entries whose codebook is not built, and writes no file.
        Path third = dir.resolve("third");
        printed = run("--dataset", data.toString(), "--dry-run", "--out", third.toString());
        assertTrue(printed.contains("[codebook] rqkmeans: to build"), printed);
        assertTrue(printed.contains("[codebook] pq: to build"), printed);
        assertTrue(printed.contains("h2rec_pq seed 42: to do"), printed);
        assertTrue(printed.contains("no files written"), printed);
        assertFalse(Files.exists(third), "dry run wrote " + third);
    }

    @Test
    void filesReportingRunsThisRegistryLacksAreNotOverwrittenUnlessAsked(@TempDir Path dir) throws IOException {
        Path data = dir.resolve("data");
        SyntheticData.write(data, 200, 80, 6, 13);
        Path out = dir.resolve("out");
        run("--dataset", data.toString(), "--only", "popular", "--seeds", "42", "--out", out.toString());
        Path csv = path(out, ".csv");
        // As if another machine's registry had added a SASRec run to the files.
        Files.writeString(csv, "sasrec,42,full,overall,HR,10,0.500000\n", java.nio.file.StandardOpenOption.APPEND);
        String before = Files.readString(csv);

        String printed = run(1, "--dataset", data.toString(), "--only", "popular", "--seeds", "42",
                "--out", out.toString());
        assertTrue(printed.contains("not written") && printed.contains("[sasrec seed 42]"), printed);
        assertEquals(before, Files.readString(csv), "the files were overwritten");
        printed = run("--dataset", data.toString(), "--only", "popular", "--seeds", "42", "--out", out.toString(),
                "--dry-run");
        assertTrue(printed.contains("writing would drop 1 runs") && printed.contains("[sasrec seed 42]"), printed);

        run("--dataset", data.toString(), "--only", "popular", "--seeds", "42", "--out", out.toString(), "--replace");
        String after = Files.readString(csv);
        assertFalse(after.contains("sasrec,42"), after);
        assertTrue(after.contains("popular,42,"), after);
    }

    @Test
    void aDryRunOnANewDatasetRegistersNoExperiment(@TempDir Path dir) {
        Path data = dir.resolve("data");
        SyntheticData.write(data, 200, 80, 6, 12);
        int before = store.listExperiments().size();
        String printed = run("--dataset", data.toString(), "--dry-run", "--out", dir.resolve("out").toString());
        assertTrue(printed.contains("sasrec seed 42: to do") && printed.contains("popular seed 44: to do"), printed);
        assertEquals(before, store.listExperiments().size(), "the dry run registered experiments:\n" + printed);
    }
}
