package io.h2rec.training.adapter.in.cli;

import io.h2rec.adapter.in.cli.CliFront;
import io.h2rec.domain.model.MetricValue;
import io.h2rec.domain.model.Run;
import io.h2rec.domain.model.RunStatus;
import io.h2rec.domain.port.out.ExperimentStore;
import io.h2rec.testing.EmbeddedPostgresResource;
import io.h2rec.testing.SyntheticData;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The main job end to end on a synthetic dataset, recorded in a real PostgreSQL. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class PipelineCommandTest {
    @Inject
    PipelineCommand pipeline;
    @Inject
    ExperimentStore store;

    @Test
    void mostPopularPipelinePrintsTheTableAndRecordsTheRun(@TempDir Path dir) {
        SyntheticData.write(dir, 300, 120, 6, 7);
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        pipeline.out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        int code = new CommandLine(pipeline).execute("--dataset", dir.toString(), "--model", "popular");
        String printed = buffer.toString(StandardCharsets.UTF_8);

        assertEquals(0, code, printed);
        assertTrue(printed.contains("popular on"), printed);
        assertTrue(printed.matches("(?s).*full\\s+overall\\s+300\\s+0\\.\\d{4}.*"), printed);
        assertTrue(printed.matches("(?s).*sampled100\\s+tail\\s+\\d+\\s+0\\.\\d{4}.*"), printed);

        Run run = store.listExperiments().stream()
                .filter(e -> e.spec().name().startsWith("pipeline-" + dir.getFileName()))
                .flatMap(e -> store.listRuns(e.id()).stream()).findFirst().orElseThrow();
        assertEquals(RunStatus.SUCCEEDED, run.status());
        assertEquals("popular", run.provenance().model());
        assertNotEquals("", run.provenance().codeVersion());
        List<MetricValue> metrics = store.metrics(run.id());
        // 2 splits x 2 protocols x 8 groups x (support + 3 K x 2 metrics), minus empty groups' metrics.
        assertTrue(metrics.size() > 100, "metrics stored: " + metrics.size());
        double hr10 = metrics.stream().filter(m -> m.split().label().equals("test") && m.protocol().label().equals("full")
                && m.group().equals("overall") && m.metric().equals("HR") && m.k() == 10).findFirst().orElseThrow().value();
        // Popularity is skewed by construction: far better than chance (10/120).
        assertTrue(hr10 > 0.12, "HR@10 " + hr10);

        // Another seed is another run of the same experiment, not a clash.
        assertEquals(0, new CommandLine(pipeline).execute("--dataset", dir.toString(), "--model", "popular",
                "--seed", "43"), buffer.toString(StandardCharsets.UTF_8));
        var experiment = store.listExperiments().stream()
                .filter(e -> e.spec().name().startsWith("pipeline-" + dir.getFileName())).toList();
        assertEquals(1, experiment.size());
        assertEquals(List.of(42L, 43L), store.listRuns(experiment.get(0).id()).stream().map(Run::seed).sorted().toList());
    }

    @Test
    void theWholePipelineQuantizesTrainsH2RecAndRegistersAModelVersion(@TempDir Path dir) {
        SyntheticData.write(dir, 200, 60, 4, 13);
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        pipeline.out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        int code = new CommandLine(pipeline).execute("--dataset", dir.toString(), "--epochs", "2",
                "--param", "hidden=16", "--param", "max_len=10", "--param", "batch=64");
        String printed = buffer.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, printed);
        assertTrue(printed.contains("quantizing item text with rqkmeans"), printed);
        assertTrue(printed.contains("epoch 2/2"), printed);
        assertTrue(printed.matches("(?s).*\\[4/4\\] evaluated and registered: model version \\d+.*"), printed);
        assertTrue(printed.matches("(?s).*full\\s+tail\\s+\\d+\\s+0\\.\\d{4}.*"), printed);
    }

    @Test
    void aMissingDatasetIsAClearErrorAndNothingIsRecorded(@TempDir Path dir) {
        int before = store.listExperiments().size();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CommandLine cli = CliFront.configure(new CommandLine(pipeline));
        cli.setErr(new java.io.PrintWriter(err, true));
        int code = cli.execute("--dataset", dir.resolve("nope").toString());
        String printed = err.toString(StandardCharsets.UTF_8);
        assertEquals(2, code, printed);
        assertEquals(List.of("pipeline: dataset " + dir.resolve("nope") + " not found; pass --dataset PATH: a folder in "
                + "one of the layouts of docs/datasets.md, or an interactions.csv"), printed.lines().toList());
        assertEquals(before, store.listExperiments().size());
    }
}
