package io.h2rec.lab;

import io.h2rec.adapter.out.artifacts.FileModelArtifactStore;
import io.h2rec.adapter.out.dataset.FileSequenceSource;
import io.h2rec.adapter.out.inference.JavaInferenceEngine;
import io.h2rec.domain.dataset.DatasetPreparation;
import io.h2rec.domain.evaluation.Evaluator;
import io.h2rec.domain.model.DatasetSplit;
import io.h2rec.domain.model.EvalTarget;
import io.h2rec.domain.model.EvaluationProtocol;
import io.h2rec.domain.model.ItemId;
import io.h2rec.domain.model.MetricValue;
import io.h2rec.domain.model.ModelWeights;
import io.h2rec.domain.model.PreparationParams;
import io.h2rec.domain.model.Protocol;
import io.h2rec.testing.ModelFixtures;
import io.h2rec.testing.SingleCommandLineContract;
import io.h2rec.testing.SyntheticData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code deploy/h2rec sid-groups}: its mistakes, and its table agreeing with the evaluator on two toy models. */
class SidGroupsCommandTest extends SingleCommandLineContract {
    @Override
    protected Class<?> main() {
        return Lab.class;
    }

    @Override
    protected String command() {
        return "sid-groups";
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "give the runs to compare: --artifact DIR     | --k 5",
            "--target is validation or test, got 'train'  | --artifact . --target train",
            "--k must be at least 1, got 0                | --artifact . --k 0",
            "--artifact /nonexistent does not exist       | --artifact /nonexistent",
            "holds no manifest.json                       | --artifact ."})
    void aMistakeIsOneLineAndExitCode2(String expected, String args, @TempDir Path dir) {
        mistake(expected, args, dir);
    }

    /** The helper's attack of 2026-12-01: these were exit 1 with a Java class name, or ran twice. */
    @Test
    void aBrokenOrRepeatedArtifactIsOneLineAndExitCode2(@TempDir Path dir) throws IOException {
        Path data = SyntheticData.write(dir.resolve("data"), 60, 30, 3, 5);
        Path broken = Files.createDirectories(dir.resolve("broken"));
        Files.writeString(broken.resolve("manifest.json"), "{ this is not json");
        io.h2rec.testing.CliProcess.assertMistake(io.h2rec.testing.CliProcess.run(Lab.class, ROOT, dir.resolve("home"),
                "sid-groups", "--dataset", data.toString(), "--artifact", broken.toString()), "sid-groups",
                broken + " is not a readable model artifact (");
        io.h2rec.testing.CliProcess.assertMistake(io.h2rec.testing.CliProcess.run(Lab.class, ROOT, dir.resolve("home"),
                "sid-groups", "--dataset", data.toString(), "--artifact", broken.toString(), "--artifact", broken + "/"),
                "sid-groups", "is given twice");
        // A run trained under the temporal split: another split's targets and head/tail, refused
        Path temporal = Files.createDirectories(dir.resolve("temporal"));
        Files.writeString(temporal.resolve("manifest.json"), "{\"provenance\": {\"preparation\": {\"split\": "
                + "{\"kind\": \"TEMPORAL\", \"t1\": 0.8, \"t2\": 0.9}}}}");
        io.h2rec.testing.CliProcess.assertMistake(io.h2rec.testing.CliProcess.run(Lab.class, ROOT, dir.resolve("home"),
                "sid-groups", "--dataset", data.toString(), "--artifact", temporal.toString()), "sid-groups",
                "was trained under a temporal split; sid-groups reads leave-one-out runs");
    }

    @Test
    void theTableAgreesWithTheEvaluatorAndSplitsTheTargetsByGroup(@TempDir Path dir) throws IOException {
        Path data = SyntheticData.write(dir.resolve("data"), 80, 24, 3, 7);
        DatasetSplit split = DatasetPreparation.prepare(new FileSequenceSource().load(data.toString()), PreparationParams.DEFAULT);
        int n = split.numItems();
        List<ItemId> ids = java.util.stream.IntStream.rangeClosed(1, n).mapToObj(i -> split.item(i).id()).toList();
        FileModelArtifactStore store = new FileModelArtifactStore(dir.resolve("artifacts"));
        ModelWeights sasrec = retarget(ModelFixtures.sasrec(n, 8, 10, 1), ids);
        ModelWeights h2rec = retarget(ModelFixtures.h2rec(n, 8, 10, 2, 2), ids);   // 2 levels of 4 codes: tuples repeat
        store.save("run-1", sasrec, null);
        store.save("run-2", h2rec, null);
        Path csv = dir.resolve("not/yet/groups.csv");   // its directories are made
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        SidGroupsCommand c = new SidGroupsCommand();
        c.stdout = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        int code = new CommandLine(c).execute("--dataset", data.toString(), "--artifact", dir.resolve("artifacts/run-1").toString(),
                "--artifact", dir.resolve("artifacts/run-2").toString(), "--out", csv.toString());
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, out);
        assertTrue(out.contains("run-1 (sasrec)") && out.contains("run-2 (h2rec)"), out);
        List<String> rows = Files.readAllLines(csv);
        assertEquals(SidGroupsCommand.HEADER, rows.get(0));
        assertEquals(1 + 2 * 7, rows.size(), rows.toString());
        // Each model's overall row is the evaluator's validation HR@10 / NDCG@10 of the same scorer.
        Evaluator evaluator = new Evaluator(split, EvaluationProtocol.DEFAULT);
        for (int m = 0; m < 2; m++) {
            var metrics = evaluator.evaluate(new JavaInferenceEngine().load(m == 0 ? sasrec : h2rec), EvalTarget.VALIDATION,
                    EnumSet.of(Protocol.FULL));
            String overall = rows.get(1 + 7 * m);
            assertEquals(String.format(Locale.ROOT, "run-%d,%s,validation,overall,%d,%.6f,%.6f,10", m + 1,
                    m == 0 ? "sasrec" : "h2rec", split.cases(EvalTarget.VALIDATION),
                    metrics.get(EvalTarget.VALIDATION, Protocol.FULL, "overall", MetricValue.HR, 10),
                    metrics.get(EvalTarget.VALIDATION, Protocol.FULL, "overall", MetricValue.NDCG, 10)), overall);
        }
        // head + tail = overall; unique + shared = their popularity group; with 16 tuples for 24 items some are shared
        int[] support = rows.subList(1, 8).stream().mapToInt(r -> Integer.parseInt(r.split(",")[4])).toArray();
        assertEquals(support[0], support[1] + support[4]);
        assertEquals(support[1], support[2] + support[3]);
        assertEquals(support[4], support[5] + support[6]);
        assertTrue(support[3] + support[6] > 0, "some targets share their tuple: " + rows);
    }

    @Test
    void runsOfDifferentCodesAreNotComparedUnderOnesTuples(@TempDir Path dir) {
        Path data = SyntheticData.write(dir.resolve("data"), 80, 24, 3, 7);
        DatasetSplit split = DatasetPreparation.prepare(new FileSequenceSource().load(data.toString()), PreparationParams.DEFAULT);
        List<ItemId> ids = java.util.stream.IntStream.rangeClosed(1, split.numItems()).mapToObj(i -> split.item(i).id()).toList();
        FileModelArtifactStore store = new FileModelArtifactStore(dir.resolve("artifacts"));
        store.save("two-levels", retarget(ModelFixtures.h2rec(split.numItems(), 8, 10, 2, 2), ids), null);
        store.save("three-levels", retarget(ModelFixtures.h2rec(split.numItems(), 8, 10, 3, 2), ids), null);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CommandLine cl = new CommandLine(new SidGroupsCommand());
        cl.setErr(new java.io.PrintWriter(err, true));
        cl.setExecutionExceptionHandler((e, line, parsed) -> {
            err.writeBytes(e.getMessage().getBytes(StandardCharsets.UTF_8));
            return 2;
        });
        assertEquals(2, cl.execute("--dataset", data.toString(), "--artifact", dir.resolve("artifacts/two-levels").toString(),
                "--artifact", dir.resolve("artifacts/three-levels").toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("was trained on other semantic IDs than"), err.toString());
    }

    private static ModelWeights retarget(ModelWeights w, List<ItemId> ids) {
        return new ModelWeights(w.modelType(), w.config(), ids, w.arrays());
    }
}
