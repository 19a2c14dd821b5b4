package io.h2rec.training.adapter.in.cli;

import io.h2rec.testing.CliProcess;
import io.h2rec.testing.CommandLineContract;
import io.h2rec.training.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The training service's commands (and the launcher's own) as a new user meets them, each in a JVM of
 * its own: help and every kind of mistake answer with exit code 0 or 2 and one line, before the database
 * or Quarkus would start. The lab's experiments (reproduce, search, speed, ledger-*): the lab's
 * ExperimentsCommandLineTest.
 */
class CommandLineTest extends CommandLineContract {
    @Override
    protected Class<?> main() {
        return Main.class;
    }

    static Stream<String> commands() {
        return Stream.of("pipeline", "replay");
    }

    static Stream<List<String>> mistakes() throws IOException {
        String ds = data.toString();
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        return Stream.of(
                // expected fragment of the one line, then the arguments
                List.of("dataset " + tmp.resolve("nope") + " not found; pass --dataset PATH",
                        "pipeline", "--dataset", tmp.resolve("nope").toString()),
                List.of("no known dataset layout in " + empty, "pipeline", "--dataset", empty.toString()),
                List.of("unknown model 'nope'; known: [", "pipeline", "--dataset", ds, "--model", "nope"),
                List.of("unknown parameter 'nope' for model h2rec; known: [", "pipeline", "--dataset", ds, "--param", "nope=1"),
                List.of("hidden", "pipeline", "--dataset", ds, "--param", "hidden=x"),
                List.of("should be in KEY=VALUE format", "pipeline", "--dataset", ds, "--param", "hidden"),
                List.of("model 'popular' takes no parameters", "pipeline", "--dataset", ds, "--model", "popular", "--param", "lr=1"),
                List.of("--epochs must be at least 1", "pipeline", "--dataset", ds, "--epochs", "0"),
                List.of("'x' is not an int", "pipeline", "--dataset", ds, "--epochs", "x"),
                List.of("(did you mean --epochs?)", "pipeline", "--dataset", ds, "--epoch", "3"),
                List.of("unknown quantizer 'nope'", "pipeline", "--dataset", ds, "--quantizer", "nope"),
                List.of("--split: unknown split 'random'", "pipeline", "--dataset", ds, "--split", "random"),
                List.of("--deployment must be a lower-case letter", "replay", "--deployment", "Bad"),
                List.of("dataset " + tmp.resolve("nope") + " not found", "replay", "--dataset", tmp.resolve("nope").toString()));
    }

    @Test
    void withoutTheSharedDataTheLineSaysWhereTheDatasetsComeFrom() throws IOException {
        // A clone with nothing beside it: the default ../shared/data/movielens-100k is missing.
        Path clone = Files.createDirectories(tmp.resolve("lonely").resolve("clone"));
        CliProcess.Result r = CliProcess.run(Main.class, clone, tmp.resolve("home-lonely"), "pipeline");
        assertEquals(2, r.exitCode(), r.toString());
        assertEquals(1, r.errLines().size(), r.toString());
        assertTrue(r.err().contains("no datasets in " + tmp.resolve("lonely").resolve("shared").resolve("data"))
                && r.err().contains("from ../shared/data beside the repository"), r.toString());
    }

    @Test
    void verbosePrintsTheStackTraceToo(@TempDir Path home) {
        CliProcess.Result r = CliProcess.run(Main.class, ROOT, home, "pipeline", "--dataset", data.toString(),
                "--model", "nope", "--verbose");
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("io.h2rec.domain.error.InvalidInputException: unknown model 'nope'")
                && r.err().contains("\tat io.h2rec."), r.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"help", "build --help", "start --help", "stop -h", "status --help", "db --help"})
    void theLaunchersOwnCommandsAnswerHelpWithoutStartingAnything(String args, @TempDir Path home) {
        CliProcess.Result r = CliProcess.script(ROOT.resolve("deploy/h2rec"), ROOT, home, args.split(" "));
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("deploy/h2rec"), r.toString());
        assertEquals(List.of(), r.errLines(), r.toString());
        assertFalse(Files.exists(home.resolve("run")), "the launcher started something: " + r);
    }

    @ParameterizedTest
    @ValueSource(strings = {"nope", "start now", "status --all"})
    void theLauncherRefusesWhatItDoesNotKnowInOneLine(String args, @TempDir Path home) {
        CliProcess.Result r = CliProcess.script(ROOT.resolve("deploy/h2rec"), ROOT, home, args.split(" "));
        assertEquals(2, r.exitCode(), r.toString());
        assertEquals(1, r.errLines().size(), r.toString());
        assertFalse(Files.exists(home.resolve("run")), "the launcher started something: " + r);
    }
}
