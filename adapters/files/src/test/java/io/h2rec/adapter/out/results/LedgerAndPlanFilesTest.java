package io.h2rec.adapter.out.results;

import io.h2rec.domain.model.CodebookDescriptor;
import io.h2rec.domain.model.EpochPoint;
import io.h2rec.domain.model.EvalTarget;
import io.h2rec.domain.model.ExperimentPlan;
import io.h2rec.domain.model.LedgerRun;
import io.h2rec.domain.model.MetricValue;
import io.h2rec.domain.model.Protocol;
import io.h2rec.domain.error.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The run ledger's line format and the plan file's strictness. */
class LedgerAndPlanFilesTest {
    static LedgerRun run(String key, double bestValid) {
        return new LedgerRun(key, "amazon-beauty", "fp", new CodebookDescriptor("rqkmeans", 4, 256, 42, Map.of("a", "b"),
                "enc", "{title}"), "h2rec", Map.of("loss", "ce", "hidden", "64"), 43, "protocol", "abc", "CPU", "host", 7,
                Instant.parse("2026-11-29T10:00:00Z"), Instant.parse("2026-11-29T10:40:00Z"), 120, 100, bestValid, 11.5,
                List.of(new MetricValue(EvalTarget.TEST, Protocol.SAMPLED100, "tail", "NDCG", 20, 0.25)),
                List.of(new EpochPoint(1, 9.5, 0.01), new EpochPoint(2, 9.25, Double.NaN), new EpochPoint(3, 9.0, 0.02)));
    }

    @Test
    void ledgerLinesRoundTripAndAKeyIsWrittenOnce(@TempDir Path dir) {
        JsonlRunLedger ledger = new JsonlRunLedger(dir);
        assertTrue(ledger.append(run("k1", 0.05)));
        assertFalse(ledger.append(run("k1", 0.06)), "a key is written once");
        assertTrue(ledger.append(run("k2", Double.NaN)));
        List<LedgerRun> read = ledger.read("amazon-beauty");
        assertEquals(2, read.size());
        assertEquals(run("k1", 0.05), read.get(0), "the learning curve too, an epoch not evaluated as NaN");
        assertTrue(Double.isNaN(read.get(1).bestValidationNdcg()));
        assertEquals(List.of(), ledger.read("yelp"));
    }

    @Test
    void aCodebooksCodesDigestRoundTripsAndLinesWithoutOneStillRead(@TempDir Path dir) throws IOException {
        JsonlRunLedger ledger = new JsonlRunLedger(dir);
        LedgerRun r = run("k1", 0.05);
        String digest = "0123456789abcdef".repeat(4);
        LedgerRun withCodes = r.withCodebook(r.codebook().withCodes(digest));
        assertTrue(ledger.append(withCodes));
        assertTrue(Files.readString(ledger.file("amazon-beauty")).contains("\"codes\":\"" + digest + "\""));
        assertTrue(ledger.append(run("k2", 0.05)));
        List<LedgerRun> read = ledger.read("amazon-beauty");
        assertEquals(withCodes, read.get(0));
        assertEquals(null, read.get(1).codebook().codes(), "a line written before the digest has none");
    }

    @Test
    void aLineIsCompletedInPlaceAndTheOthersStayByteForByte(@TempDir Path dir) throws IOException {
        JsonlRunLedger ledger = new JsonlRunLedger(dir);
        ledger.append(run("k1", 0.05));
        ledger.append(run("k2", 0.06));
        ledger.append(run("k3", 0.07));
        List<String> before = Files.readAllLines(ledger.file("amazon-beauty"));
        LedgerRun r = run("k2", 0.06);
        LedgerRun completed = r.withCodebook(r.codebook().withCodes("ab".repeat(32)));
        assertTrue(ledger.complete(completed));
        List<String> after = Files.readAllLines(ledger.file("amazon-beauty"));
        assertEquals(3, after.size());
        assertEquals(before.get(0), after.get(0));
        assertEquals(before.get(2), after.get(2));
        assertEquals(completed, ledger.read("amazon-beauty").get(1));
        assertFalse(ledger.complete(run("k9", 0.1)), "no line has that key");
        try (var files = Files.list(dir)) {
            assertEquals(List.of(".ledger.lock", "amazon-beauty.jsonl"), files.map(p -> p.getFileName().toString()).sorted()
                    .toList(), "no temporary file left beside the ledger");
        }
    }

    /** The review of 2026-12-01: the rewrite put a 0600 temporary file in the ledger's place. */
    @Test
    void aCompletedLedgerKeepsItsPermissions(@TempDir Path dir) throws IOException {
        JsonlRunLedger ledger = new JsonlRunLedger(dir);
        ledger.append(run("k1", 0.05));
        Path f = ledger.file("amazon-beauty");
        var mode = java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--");
        Files.setPosixFilePermissions(f, mode);
        LedgerRun r = run("k1", 0.05);
        assertTrue(ledger.complete(r.withCodebook(r.codebook().withCodes("cd".repeat(32)))));
        assertEquals(mode, Files.getPosixFilePermissions(f));
        assertFalse(new JsonlRunLedger(dir.resolve("none")).complete(r), "no ledger file: nothing to complete");
    }

    /** Two writers of one directory (two sweeps' ledgers) appending at once lose no line. */
    @Test
    void concurrentWritersOfOneDirectoryLoseNoLine(@TempDir Path dir) throws Exception {
        JsonlRunLedger a = new JsonlRunLedger(dir);
        JsonlRunLedger b = new JsonlRunLedger(dir);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Boolean>> done = new java.util.ArrayList<>();
            for (int i = 0; i < 40; i++) {
                JsonlRunLedger l = i % 2 == 0 ? a : b;
                String key = "k" + i;
                done.add(pool.submit(() -> l.append(run(key, 0.05))));
            }
            for (var d : done) {
                assertTrue(d.get());
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(40, a.read("amazon-beauty").size());
    }

    @Test
    void unknownInstantsAreJsonNullAndTheOldTextNullIsStillRead(@TempDir Path dir) throws IOException {
        JsonlRunLedger ledger = new JsonlRunLedger(dir);
        LedgerRun r = run("k1", 0.05);
        LedgerRun backfilled = new LedgerRun(r.key(), r.datasetName(), r.datasetFingerprint(), r.codebook(), r.model(), r.config(),
                r.seed(), r.protocol(), r.codeVersion(), r.device(), r.host(), r.sourceRunId(), null, null, r.epochs(),
                r.bestEpoch(), r.bestValidationNdcg(), r.secondsPerEpoch(), r.metrics(), List.of());   // no curve: none written
        assertTrue(ledger.append(backfilled));
        Path file;
        try (var files = Files.list(dir)) {
            file = files.findFirst().orElseThrow();
        }
        String line = Files.readString(file);
        assertTrue(line.contains("\"startedAt\":null,\"finishedAt\":null"), line);
        assertFalse(line.contains("curve"), line);
        Files.writeString(file, line.replace("\"startedAt\":null", "\"startedAt\":\"null\""));
        assertEquals(backfilled, ledger.read("amazon-beauty").get(0));
    }

    @Test
    void aBrokenLineNamesTheFileAndLine(@TempDir Path dir) throws IOException {
        JsonlRunLedger ledger = new JsonlRunLedger(dir);
        ledger.append(run("k1", 0.05));
        Files.writeString(ledger.file("amazon-beauty"), "{\"schema\":1,\"key\":\n", StandardOpenOption.APPEND);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ledger.read("amazon-beauty"));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    }

    /** The helper's attack of 2026-11-30: each of these was read without a word, or half-read. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "a metric as text          | [\"TEST\",\"SAMPLED100\",\"tail\",\"NDCG\",20,0.25] | [\"TEST\",\"SAMPLED100\",\"tail\",\"NDCG\",20,\"x\"] | metric",
            "an NDCG above 1           | [\"TEST\",\"SAMPLED100\",\"tail\",\"NDCG\",20,0.25] | [\"TEST\",\"SAMPLED100\",\"tail\",\"NDCG\",20,42.0] | range",
            "a negative HR             | \"NDCG\",20,0.25]                                      | \"HR\",20,-5.0]                                       | range",
            "no metrics                | [[\"TEST\",\"SAMPLED100\",\"tail\",\"NDCG\",20,0.25]] | []                                                   | metrics",
            "a seed as text            | \"seed\":43                                            | \"seed\":\"abc\"                                        | seed",
            "a seed beyond a long      | \"seed\":43                                            | \"seed\":99999999999999999999                           | seed",
            "an unknown field          | \"seed\":43                                            | \"seed\":43,\"sed\":1                                   | sed",
            "another dataset's run     | \"dataset\":\"amazon-beauty\"                          | \"dataset\":\"yelp\"                                      | yelp",
            "codes that are no digest  | \"textTemplate\":\"{title}\"                          | \"textTemplate\":\"{title}\",\"codes\":\"abc\"          | codes",
            "two objects on one line   | $                                                       | {\"schema\":1}                                          | one JSON object"})
    void aBadLineIsRefusedNamingFileLineAndWhat(String name, String from, String to, String said, @TempDir Path dir)
            throws IOException {
        JsonlRunLedger ledger = new JsonlRunLedger(dir);
        ledger.append(run("k1", 0.05));
        Path f = ledger.file("amazon-beauty");
        String line = Files.readString(f);
        String bad = from.equals("$") ? line.strip() + to : line.replace(from, to);   // $: appended to the line
        assertFalse(bad.equals(line), "the case changes the line: " + name);
        Files.writeString(f, line + bad.strip() + "\n");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ledger.read("amazon-beauty"), name);
        assertTrue(e.getMessage().contains("line 2") && e.getMessage().contains(f.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(said), e.getMessage());
    }

    /** JSON has no Infinity: Jackson would write it as a string the reader refuses, so the file would stop reading. */
    @Test
    void aLineTheReaderWouldRefuseIsNotWritten(@TempDir Path dir) {
        JsonlRunLedger ledger = new JsonlRunLedger(dir);
        LedgerRun r = run("k1", 0.05);
        LedgerRun infinite = new LedgerRun(r.key(), r.datasetName(), r.datasetFingerprint(), r.codebook(), r.model(), r.config(),
                r.seed(), r.protocol(), r.codeVersion(), r.device(), r.host(), r.sourceRunId(), r.startedAt(), r.finishedAt(),
                r.epochs(), r.bestEpoch(), r.bestValidationNdcg(), r.secondsPerEpoch(),
                List.of(new MetricValue(EvalTarget.TEST, Protocol.FULL, "overall", "support", 0, Double.POSITIVE_INFINITY)),
                r.curve());
        assertThrows(InvalidInputException.class, () -> ledger.append(infinite));
        assertFalse(Files.exists(ledger.file("amazon-beauty")), "nothing written");
    }

    @Test
    void aRepeatedKeyIsRefusedNotFirstWins(@TempDir Path dir) throws IOException {
        JsonlRunLedger ledger = new JsonlRunLedger(dir);
        ledger.append(run("k1", 0.05));
        String line = Files.readString(ledger.file("amazon-beauty"));
        Files.writeString(ledger.file("amazon-beauty"), line + line.replace("0.25", "0.5"));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ledger.read("amazon-beauty"));
        assertTrue(e.getMessage().contains("line 2 repeats the key of line 1"), e.getMessage());
    }

    @Test
    void anAppendAfterALastLineWithoutItsNewlineStartsALineOfItsOwn(@TempDir Path dir) throws IOException {
        JsonlRunLedger ledger = new JsonlRunLedger(dir);
        ledger.append(run("k1", 0.05));
        Path f = ledger.file("amazon-beauty");
        Files.writeString(f, Files.readString(f).strip());
        assertTrue(ledger.append(run("k2", 0.06)));
        assertEquals(List.of("k1", "k2"), ledger.read("amazon-beauty").stream().map(LedgerRun::key).toList());
        assertFalse(ledger.append(run("k2", 0.06)), "read back, so not written twice");
    }

    @Test
    void aLedgerDirectoryThatIsAFileIsRefusedBeforeAnyRunIsLookedUp(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("runs"), "x");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> new JsonlRunLedger(file).read("amazon-beauty"));
        assertTrue(e.getMessage().contains("is a file"), e.getMessage());
    }

    /** Every committed plan reads under the plan file's rules. */
    @Test
    void theCommittedPlansRead() throws IOException {
        try (var files = Files.list(Path.of("../../deploy/experiments"))) {
            List<Path> plans = files.filter(p -> p.toString().endsWith(".yaml")).toList();
            assertFalse(plans.isEmpty());
            plans.forEach(p -> assertFalse(PlanFile.read(p).entries().isEmpty(), p.toString()));
        }
    }

    /** What the repository commits reads under these rules (run from the module: the repository is two levels up). */
    @Test
    void theCommittedLedgersRead() throws IOException {
        Path runs = Path.of("../../docs/results/runs");
        assertTrue(Files.isDirectory(runs), runs.toAbsolutePath().toString());
        JsonlRunLedger ledger = new JsonlRunLedger(runs);
        try (var files = Files.list(runs)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".jsonl")).toList()) {
                String dataset = f.getFileName().toString().replace(".jsonl", "");
                assertFalse(ledger.read(dataset).isEmpty(), f.toString());
            }
        }
    }

    @Test
    void plansAreReadStrictly(@TempDir Path dir) throws IOException {
        Path ok = dir.resolve("ok.yaml");
        Files.writeString(ok, """
                name: t
                seeds: {main: [1, 2], one: [1]}
                entries:
                  - {label: a, model: sasrec, seeds: main, params: {loss: ce, hidden: 128}}
                  - {label: b, model: h2rec, quantizer: pq, seeds: one, tuned: {lambda_item: 0.3}}
                """);
        ExperimentPlan plan = PlanFile.read(ok);
        assertEquals(List.of(1L, 2L), plan.seedsOf(plan.entries().get(0)));
        assertEquals(Map.of("loss", "ce", "hidden", "128"), plan.entries().get(0).params());
        assertEquals("pq", plan.entries().get(1).quantizer());
        assertEquals(Map.of(), plan.entries().get(0).tuned());
        assertEquals(Map.of("lambda_item", "0.3"), plan.entries().get(1).tuned());
        assertTrue(plan.entries().get(1).matches("h2rec@pq"));

        for (String bad : List.of(
                "name: t\nseeds: {main: [1]}\nentries:\n  - {label: a, model: m, seeds: main, typo: 1}\n",
                "name: t\nseeds: {main: [1]}\nentries:\n  - {label: a, model: m, seeds: main, tuned: 0.3}\n",
                "name: t\nseeds: {main: [1.5]}\nentries: []\n",
                "name: t\nseeds: {main: [1]}\nentries:\n  - {label: a, model: m, seeds: other}\n",
                "name: t\nseeds: {main: [1]}\nentries:\n  - {label: a, model: m, seeds: main}\n  - {label: a, model: n, seeds: main}\n",
                "seeds: {main: [1]}\nentries: []\n")) {
            Path f = dir.resolve("bad.yaml");
            Files.writeString(f, bad);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PlanFile.read(f), bad);
            assertTrue(e.getMessage().startsWith("plan " + f), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> PlanFile.read(dir.resolve("missing.yaml")));
    }
}
