package io.h2rec.lab.experiments;

import io.h2rec.adapter.out.results.PlanFile;
import io.h2rec.domain.model.ExperimentPlan;
import io.h2rec.adapter.out.results.JsonlRunLedger;
import io.h2rec.domain.model.EvalTarget;
import io.h2rec.domain.model.LedgerRun;
import io.h2rec.domain.model.MetricValue;
import io.h2rec.domain.model.Protocol;
import io.h2rec.domain.model.RegisteredDataset;
import io.h2rec.domain.port.in.PrepareDatasetUseCase;
import io.h2rec.domain.port.out.ExperimentStore;
import io.h2rec.domain.service.RunLedgerService;
import org.eclipse.microprofile.config.inject.ConfigProperty;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The reproduction sweep's bookkeeping on a synthetic dataset: resume, report coverage, dry run. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class ReproduceCommandTest {
    /** The repository's reproduction plan (tests run in lab/). */
    private static final String PLAN = "../deploy/experiments/reproduce.yaml";

    /** A fresh command per invocation: picocli keeps a reused object's fields from the previous parse. */
    @Inject
    Instance<ReproduceCommand> commands;

    @Inject
    ExperimentStore store;
    @Inject
    PrepareDatasetUseCase datasets;
    @Inject
    RunLedgerService ledger;
    @ConfigProperty(name = "h2rec.training.ledger-dir")
    String ledgerDir;

    private String run(String... args) {
        return run(0, args);
    }

    private String run(int expectedExit, String... args) {
        ReproduceCommand reproduce = commands.get();
        String[] all = new String[args.length + 2];
        all[0] = "--plan";
        all[1] = PLAN;
        System.arraycopy(args, 0, all, 2, args.length);
        return CommandRun.run(reproduce, o -> reproduce.out = o, expectedExit, all);
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
        ExperimentPlan plan = PlanFile.read(Path.of(PLAN));
        for (String name : List.of("h2rec@pq", "h2rec_pq")) {
            assertEquals(List.of("h2rec_pq"), plan.entries().stream().filter(e -> e.matches(name))
                    .map(ExperimentPlan.Entry::label).toList(), name);
        }
        assertEquals(List.of("h2rec"), plan.entries().stream().filter(e -> e.matches("h2rec"))
                .map(ExperimentPlan.Entry::label).toList());
        assertEquals(List.of("h2rec-pq"), plan.unknown(List.of("h2rec@pq", "h2rec-pq", "sasrec")));
    }

    @Test
    void anUnknownOnlyEntryIsAClearErrorBeforeAnyWork() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CommandLine cli = new CommandLine(commands.get());
        cli.setErr(new java.io.PrintWriter(err, true));
        int code = cli.execute("--plan", PLAN, "--dataset", "/nonexistent", "--only", "h2rec-pq");
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
        // The report names the whole invocation, defaults included, so it can be run again from that line.
        assertTrue(md.contains("Generated by `deploy/h2rec reproduce --dataset " + data + " --plan " + PLAN
                + " --seeds 42,43 --only popular --split leave-one-out --out " + first + "`"), md);
        assertTrue(md.matches("(?s).*\\n\\| popular \\| 43 \\| \\d+ \\|[^\\n]* \\d+\\.\\d \\|[^\\n]*\\n.*"), md);
        assertTrue(md.matches("(?s).*Time of the runs above: training \\d+\\.\\d h .*start to finish \\d+\\.\\d h.*"), md);

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
        // With --only, what it leaves out is said so, not "to do".
        printed = run("--dataset", data.toString(), "--dry-run", "--only", "popular", "--out", dir.resolve("out").toString());
        assertTrue(printed.contains("popular seed 42: to do") && printed.contains("sasrec seed 42: skipped (--only)")
                && printed.contains("h2rec_pq seed 42: skipped (--only), no pq codebook yet"), printed);
    }

    /**
     * A fresh registry with a ledger made elsewhere: the ledger's run is reported, not trained again,
     * and its figures reach the result files (what a new machine does with the committed ledger).
     */
    @Test
    void runsInTheLedgerAreReportedWithoutTrainingOnAFreshRegistry(@TempDir Path dir) throws IOException {
        CommandRun.Prepared prepared = CommandRun.prepared(datasets, dir, 200, 80, 14);
        Path data = prepared.data();
        RegisteredDataset ds = prepared.ds();
        // The plan's SASRec entry runs with its tuned values: the ledger's run is of those.
        Map<String, String> tuned = PlanFile.read(Path.of(PLAN)).entries().stream()
                .filter(e -> e.label().equals("sasrec")).findFirst().orElseThrow().tuned();
        String key = ledger.key(ds.fingerprint(), ds.params().split(), null, "sasrec", tuned, 42);
        List<MetricValue> metrics = List.of(
                new MetricValue(EvalTarget.TEST, Protocol.FULL, "overall", "HR", 10, 0.123456),
                new MetricValue(EvalTarget.VALIDATION, Protocol.FULL, "overall", "NDCG", 10, 0.05));
        Instant start = Instant.parse("2026-11-01T10:00:00Z");
        new JsonlRunLedger(Path.of(ledgerDir)).append(new LedgerRun(key, ds.name(), ds.fingerprint(), null, "sasrec",
                tuned, 42, "protocol", "abc1234", "CPU (2 threads)", "elsewhere", 777, start,
                start.plusSeconds(600), 60, 40, 0.05, 9.5, metrics, List.of()));

        Path out = dir.resolve("out");
        String printed = run("--dataset", data.toString(), "--only", "popular", "--seeds", "42", "--out", out.toString());
        assertTrue(printed.contains("sasrec seed 42: done (run 777)"), printed);
        assertFalse(printed.contains("sasrec seed 42: training"), printed);
        String csv = csv(out);
        assertTrue(csv.contains("sasrec,42,full,overall,HR,10,0.123456"), csv);
        assertTrue(file(out, ".md").contains("reproduce --dataset " + data + " --plan " + PLAN + " --seeds 42 --only popular --split leave-one-out --out " + out),
                "the report records the invocation");
        // The popular run trained just now went to the ledger too: nothing left to train for it anywhere.
        assertTrue(ledger.all(ds.name()).stream().anyMatch(r -> r.model().equals("popular") && r.seed() == 42));
    }
}
