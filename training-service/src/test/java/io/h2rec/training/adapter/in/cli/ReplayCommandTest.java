package io.h2rec.training.adapter.in.cli;

import io.h2rec.adapter.in.cli.CliFront;
import io.h2rec.domain.model.EvalTarget;
import io.h2rec.domain.model.MetricValue;
import io.h2rec.domain.model.ModelVersion;
import io.h2rec.domain.model.Protocol;
import io.h2rec.domain.model.TrafficSplit;
import io.h2rec.domain.port.out.DeploymentStore;
import io.h2rec.domain.port.out.ExperimentStore;
import io.h2rec.domain.port.out.ModelVersionStore;
import io.h2rec.testing.EmbeddedPostgresResource;
import io.h2rec.testing.SyntheticData;
import io.quarkus.arc.Arc;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The offline replay of a split: two versions trained by the pipeline on a synthetic dataset, a
 * deployment over their aliases, each scored side by side with the numbers training recorded for it.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
@QuarkusTestResource(io.h2rec.testing.TestTokens.Keys.class)
class ReplayCommandTest {
    @Inject
    PipelineCommand pipeline;
    @Inject
    DeploymentStore deployments;
    @Inject
    ModelVersionStore versions;
    @Inject
    ExperimentStore store;

    private ModelVersion train(Path dir, String... options) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        pipeline.out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        String[] args = new String[options.length + 2];
        args[0] = "--dataset";
        args[1] = dir.toString();
        System.arraycopy(options, 0, args, 2, options.length);
        assertEquals(0, new CommandLine(pipeline).execute(args), buffer.toString(StandardCharsets.UTF_8));
        return versions.list().get(0);
    }

    /** A fresh command each time (picocli would take a reused one's last values as its defaults). */
    private static String run(int expectedCode, String... args) {
        ReplayCommand command = Arc.container().instance(ReplayCommand.class).get();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        command.out = new PrintStream(out, true, StandardCharsets.UTF_8);
        CommandLine cli = CliFront.configure(new CommandLine(command));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        String printed = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
        assertEquals(expectedCode, code, printed);
        return printed;
    }

    @Test
    void eachVariantIsScoredOnItsTestSplitSideBySide(@TempDir Path dir, @TempDir Path other) {
        SyntheticData.write(dir, 200, 60, 4, 17);
        ModelVersion popular = train(dir, "--model", "popular");
        ModelVersion sasrec = train(dir, "--model", "sasrec", "--epochs", "2", "--param", "hidden=16",
                "--param", "max_len=10", "--param", "batch=64");
        deployments.setAlias("champion", popular.id(), "test");
        deployments.setAlias("challenger", sasrec.id(), "test");
        deployments.setDeployment(TrafficSplit.of("replayed", Map.of("champion", 90, "challenger", 10)), "test");

        String printed = run(0, "--deployment", "replayed");
        assertTrue(printed.contains("replay of deployment 'replayed' on "), printed);
        assertTrue(printed.matches("(?s).*\\|\\s+challenger\\s+\\|\\s+champion.*"), printed);
        assertTrue(printed.contains("v" + sasrec.id() + " sasrec 10%") && printed.contains("v" + popular.id() + " popular 90%"),
                printed);
        // The champion's numbers are the ones training recorded for its run: the same evaluator, the same data.
        double hr = store.metrics(popular.runId()).stream().filter(m -> m.split() == EvalTarget.TEST
                && m.protocol() == Protocol.FULL && m.group().equals("overall") && m.metric().equals(MetricValue.HR)
                && m.k() == 10).findFirst().orElseThrow().value();
        String row = printed.lines().filter(l -> l.matches("full\\s+overall\\s+200\\s.*")).findFirst().orElseThrow();
        List<String> cells = List.of(row.split("\\s*\\|\\s*"));
        assertEquals(String.format(Locale.ROOT, "%.4f", hr), cells.get(2).split("\\s+")[0], row);
        assertTrue(printed.lines().anyMatch(l -> l.matches("sampled100\\s+tail\\s+\\d+\\s+\\|.*")), printed);

        // Aliases named one by one; mistakes are one line and exit code 2.
        assertTrue(run(0, "--alias", "challenger").contains("replay of aliases on "));
        assertTrue(run(2, "--alias", "ghost").contains("unknown alias ghost"));
        assertTrue(run(2, "--deployment", "nowhere").contains("no deployment 'nowhere'"));
        SyntheticData.write(other, 150, 40, 3, 5);
        assertTrue(run(2, "--alias", "champion", "--dataset", other.toString())
                .contains("is not the data model version " + popular.id() + " was trained on"));
    }
}
