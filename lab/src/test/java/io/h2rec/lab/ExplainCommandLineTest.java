package io.h2rec.lab;

import io.h2rec.proto.serving.v1.ItemExplanation;
import io.h2rec.proto.serving.v1.RankResponse;
import io.h2rec.testing.SingleCommandLineContract;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code deploy/h2rec explain} as a new user meets it, and its table. */
class ExplainCommandLineTest extends SingleCommandLineContract {
    @Override
    protected Class<?> main() {
        return Lab.class;
    }

    @Override
    protected String command() {
        return "explain";
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "say whose ranking to explain              | --k 5",
            "say whose ranking to explain              | --user 1 --history a,b",
            "--k must be at least 1, got 0             | --user 1 --k 0",
            "--target must be HOST:PORT                | --user 1 --target localhost",
            "user nobody is not in                     | --user nobody --target localhost:1"})
    void aMistakeIsOneLineAndExitCode2(String expected, String args, @TempDir Path dir) {
        mistake(expected, args, dir);
    }

    /** Serving not there: one line that says so and what to do, exit code 1. */
    @Test
    void noServingIsOneLine(@TempDir Path dir) throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path data = io.h2rec.testing.SyntheticData.write(dir.resolve("data"), 60, 30, 3, 5);
        var r = io.h2rec.testing.CliProcess.run(Lab.class, ROOT, dir.resolve("home"), "explain", "--dataset",
                data.toString(), "--history", "item1", "--target", "localhost:" + port);
        assertEquals(1, r.exitCode(), r.toString());
        assertEquals(1, r.errLines().size(), r.toString());
        assertTrue(r.errLines().get(0).startsWith("deploy/h2rec explain: serving at localhost:" + port + " answered UNAVAILABLE"),
                r.toString());
    }

    @Test
    void theTableShowsPartsGateCodesNearestItemsAndTheHeldOutItem() {
        ItemExplanation.Builder e = ItemExplanation.newBuilder().setHashIdPart(1.25f).setSemanticIdPart(0.5f)
                .addAllSemanticId(List.of(3, 1, 4)).setSharedPrefixLength(2)
                .addAllSharedPrefixItems(List.of("h3", "h2", "h1", "h0"));
        RankResponse r = RankResponse.newBuilder().setModelVersion("7").setHistoryUsed(2)
                .addItems(io.h2rec.proto.serving.v1.ScoredItem.newBuilder().setItemId("x9").setScore(1.75f).setExplanation(e))
                .addItems(io.h2rec.proto.serving.v1.ScoredItem.newBuilder().setItemId("new").setScore(0.5f)
                        .setExplanation(ItemExplanation.newBuilder().setHashIdPart(0f).setSemanticIdPart(0.5f)))
                .addAllGateWeights(List.of(0.5f, 0.3f, 0.2f)).addAllScoreParts(List.of("hash_id", "semantic_id")).build();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new ExplanationPrinter(new PrintStream(bytes, true, StandardCharsets.UTF_8),
                id -> id.equals("x9") ? "A long title that goes on and on well past the width of the column" : "")
                .print("user 5 of Toy", List.of("h0", "h1", "h3"), "x9", r, Map.of("h3", List.of(3, 1, 0)));
        String out = bytes.toString(StandardCharsets.UTF_8);
        for (String expected : List.of("by model version 7", "gate weights per SID level, coarse first: 0.500 0.300 0.200",
                "score = hash_id + semantic_id", "h3       3-1-0 ", "1*  x9", "1.7500", "1.2500", "0.5000", "3-1-4",
                "h3,h2,h1 +1", "A long title that goes on and on well past th...", "the held-out item x9 is ranked 1",
                "(not in the dataset's items)")) {
            assertTrue(out.contains(expected), "'" + expected + "' missing in\n" + out);
        }
    }
}
