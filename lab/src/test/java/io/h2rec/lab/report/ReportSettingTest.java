package io.h2rec.lab.report;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The report's setting line: each model's parameters beyond its defaults, read from its runs. */
class ReportSettingTest {
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
}
