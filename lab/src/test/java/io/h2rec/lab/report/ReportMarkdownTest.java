package io.h2rec.lab.report;

import io.h2rec.domain.model.CodebookDescriptor;
import io.h2rec.domain.model.EvalTarget;
import io.h2rec.domain.model.LedgerRun;
import io.h2rec.domain.model.MetricValue;
import io.h2rec.domain.model.Protocol;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Parts of the reproduction report: the setting line read from the runs, the paper's figure beside ours. */
class ReportMarkdownTest {
    private static RunResult run(String model, long seed, Map<String, String> changes) {
        return new RunResult(model, seed, null, List.of(), changes);
    }

    @Test
    void namesEachModelsChangesAndSeedsThatRanDifferently() {
        String line = ReportMarkdown.setting(List.of("popular", "sasrec", "h2rec", "unrun"), List.of(
                run("popular", 42, Map.of()), run("sasrec", 42, Map.of("hidden", "128")),
                run("sasrec", 43, Map.of("hidden", "128")), run("h2rec", 42, Map.of("lambda_item", "0.3", "loss", "bce")),
                run("h2rec", 43, Map.of())));
        assertEquals("**Setting** (each model's parameters that differ from its defaults, read from its runs): "
                + "popular: defaults; sasrec: hidden=128; h2rec: lambda_item=0.3 loss=bce / defaults.\n\n", line);
        assertEquals("", ReportMarkdown.setting(List.of("sasrec"), List.of()));
    }

    @Test
    void thePapersFigureSitsBesideOursWithTheReasonTheyDiffer() {
        List<MetricValue> m = List.of(
                new MetricValue(EvalTarget.TEST,
                        Protocol.SAMPLED100, "overall", "HR", 10, 0.5),
                new MetricValue(EvalTarget.TEST,
                        Protocol.SAMPLED100, "head", "HR", 10, 0.7));
        String table = ReportMarkdown.paperBesideOurs(new double[] {0.6692, 0.8324, 0.2693},
                List.of(new RunResult("h2rec", 42, null, m), new RunResult("sasrec", 42, null, m)));
        List<String> lines = table.lines().toList();
        assertEquals("| the paper: H2Rec | 0.6692 | 0.8324 | 0.2693 |", lines.get(4));
        assertEquals("| **ours: h2rec** (1 seed) | 0.5000 | 0.7000 | - |", lines.get(5));
        assertTrue(table.contains("Not the same experiment"), table);
    }

    @Test
    void theRunsTableNamesTheCodebookARunUsedNotARegistryId() {
        Instant start = Instant.parse("2026-11-01T10:00:00Z");
        CodebookDescriptor rq = new CodebookDescriptor("rqkmeans", 4, 256, 42, Map.of(), "minilm", "{title}")
                .withCodes("aa9f101f9bf0e488769bfcb36088991b8e9e588af00c96911d7edabc97fa32b2");
        List<MetricValue> m = List.of(new MetricValue(EvalTarget.TEST, Protocol.FULL, "overall", "HR", 10, 0.1));
        LedgerRun h2rec = new LedgerRun("k1", "Yelp", "fp", rq, "h2rec", Map.of(), 42, "protocol", "abc1234",
                "CPU (2 threads)", "elsewhere", 11, start, start.plusSeconds(12600), 137, 117, 0.0573, 44.8, m, List.of());
        LedgerRun sasrec = new LedgerRun("k2", "Yelp", "fp", null, "sasrec", Map.of(), 42, "protocol", "abc1234",
                "CPU (2 threads)", "elsewhere", 9, start, start.plusSeconds(3540), 45, 25, 0.0561, 66.8, m, List.of());
        List<String> rows = ReportMarkdown.runsTable(List.of(
                new RunResult("h2rec", 42, h2rec.asRun(), m, Map.of(), h2rec.codebook()),
                new RunResult("sasrec", 42, sasrec.asRun(), m, Map.of(), sasrec.codebook()))).lines().toList();
        // Resumed after lying interrupted for 2 h: its minutes (start to finish) say so, its training time does not.
        assertEquals("| h2rec | 42 | 11 | 117 | 137 | 44.8 | 210.0 | CPU (2 threads) | rqkmeans 4×256 (codes aa9f101f) |",
                rows.get(4));
        assertEquals("| sasrec | 42 | 9 | 25 | 45 | 66.8 | 59.0 | CPU (2 threads) | - |", rows.get(5));
        assertTrue(rows.get(7).startsWith("Time of the runs above: training 2.5 h (each run's epochs × its seconds"),
                rows.get(7));   // 137 × 44.8 s + 45 × 66.8 s
        assertTrue(rows.get(7).contains("start to finish 4.5 h (the `minutes` column summed"), rows.get(7));
        assertEquals("rqkmeans 4×256", new RunResult("h2rec", 43, null, m, Map.of(),
                new CodebookDescriptor("rqkmeans", 4, 256, 42, Map.of(), "minilm", "{title}")).codebookLabel(),
                "a line written before the digest");
    }
}
