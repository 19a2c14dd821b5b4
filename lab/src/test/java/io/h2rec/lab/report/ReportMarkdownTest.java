package io.h2rec.lab.report;

import io.h2rec.domain.model.EvalTarget;
import io.h2rec.domain.model.MetricValue;
import io.h2rec.domain.model.Protocol;
import org.junit.jupiter.api.Test;

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
}
