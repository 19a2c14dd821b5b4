package io.h2rec.adapter.in.cli;

import io.h2rec.domain.error.ConflictException;
import io.h2rec.domain.error.InvalidInputException;
import io.h2rec.domain.error.NotFoundException;
import io.h2rec.domain.error.UnavailableException;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command-line front on a small command: help, mistakes and failures, the recorded invocation. */
class CliFrontTest {

    @Command(name = "root", mixinStandardHelpOptions = true, subcommands = Job.class)
    static class Root implements Runnable {
        @Override
        public void run() {
        }
    }

    @Command(name = "job", mixinStandardHelpOptions = true)
    static class Job implements Callable<Integer>, Checked {
        static int ran;
        @Option(names = "--epochs", defaultValue = "30")
        int epochs;
        @Option(names = "--seeds", split = ",", defaultValue = "42,43")
        List<Long> seeds;
        @Option(names = "--param")
        Map<String, String> params = new TreeMap<>();
        @Option(names = "--out", defaultValue = "docs/results")
        Path out;
        @Option(names = "--dry-run")
        boolean dryRun;
        @Option(names = "--fail")
        boolean fail;
        @Spec
        CommandSpec spec;

        @Override
        public void check() {
            Inputs.atLeast("--epochs", epochs, 1);
        }

        @Override
        public Integer call() {
            ran++;
            if (fail) {
                throw new IllegalStateException("broken\nacross lines");
            }
            return 0;
        }
    }

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private CommandLine cli() {
        CommandLine cli = CliFront.commandLine(Root.class, CommandLine.defaultFactory());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli;
    }

    @Test
    void helpIsAnsweredBeforeAnythingRuns() {
        Job.ran = 0;
        assertEquals(0, CliFront.preflight(cli(), "job", "--help"));
        assertTrue(out.toString().startsWith("Usage: deploy/h2rec job [-hV] [--dry-run] [--fail] [--verbose]"), out.toString());
        assertEquals("", err.toString());
        assertEquals(0, Job.ran);
    }

    @Test
    void mistakesAreOneLineWithWhatToDoAndExitCode2() {
        assertEquals(2, CliFront.preflight(cli(), "job", "--epoch", "3"));
        assertEquals(2, CliFront.preflight(cli(), "job", "--epochs", "0"));
        assertEquals(2, CliFront.preflight(cli(), "job", "--param", "lr"));
        assertEquals(2, CliFront.preflight(cli(), "job", "--param=hidden=64", "--param", "lr=0.1", "--param", "hidden=128"));
        assertEquals(List.of(
                "deploy/h2rec job: Unknown options: '--epoch', '3' (did you mean --epochs?); see deploy/h2rec job --help",
                "deploy/h2rec job: --epochs must be at least 1, got 0",
                "deploy/h2rec job: Value for option option '--param' (<String=String>) should be in KEY=VALUE format "
                        + "but was lr; see deploy/h2rec job --help",
                "deploy/h2rec job: --param hidden is given twice; keep one (a map option would silently keep the last); "
                        + "see deploy/h2rec job --help"), err.toString().lines().toList());
        assertEquals(CliFront.PROCEED, CliFront.preflight(cli(), "job", "--epochs", "3"));
        assertEquals(CliFront.PROCEED, CliFront.preflight(cli(), "job", "--param", "hidden=64", "--param", "lr=0.1"));
    }

    @Test
    void aFailureIsOneLineUnlessVerbose() {
        assertEquals(1, cli().execute("job", "--fail"));
        assertEquals(List.of("deploy/h2rec job failed: IllegalStateException: broken; across lines "
                + "(--verbose prints the stack trace)"), err.toString().lines().toList());
        err.getBuffer().setLength(0);
        assertEquals(1, cli().execute("job", "--fail", "--verbose"));
        assertTrue(err.toString().startsWith("java.lang.IllegalStateException: broken") && err.toString().contains("\tat "),
                err.toString());
        assertFalse(err.toString().contains("--verbose prints"), err.toString());
    }

    /** A failure while the process shuts down (SIGTERM) says it was interrupted and resumes, not that it broke. */
    @Test
    void aFailureDuringShutdownSaysInterruptedAndHowToGoOn() {
        var before = CliFront.shuttingDown;
        CliFront.shuttingDown = () -> true;
        try {
            assertEquals(143, cli().execute("job", "--fail"));
        } finally {
            CliFront.shuttingDown = before;
        }
        assertEquals(List.of("deploy/h2rec job: interrupted, the process is shutting down; the same command resumes "
                + "(finished runs are kept, an interrupted one continues from its last checkpoint)"),
                err.toString().lines().toList());
        err.getBuffer().setLength(0);
        assertEquals(1, cli().execute("job", "--fail"));
        assertTrue(err.toString().startsWith("deploy/h2rec job failed: IllegalStateException"), err.toString());
    }

    @Test
    void theInvocationNamesEveryOptionWithItsValue() {
        CommandLine cli = cli();
        cli.parseArgs("job", "--param", "lr=0.01", "--param", "note=two words", "--out", "my results", "--dry-run",
                "--verbose");
        CommandSpec job = cli.getSubcommands().get("job").getCommandSpec();
        assertEquals("deploy/h2rec job --epochs 30 --seeds 42,43 --param lr=0.01 --param 'note=two words' "
                + "--out 'my results' --dry-run", Invocation.of(job));
        assertEquals("'it'\\''s'", Invocation.quote("it's"));
    }

    /** The domain's refusals are one line and exit code 2, like a bad option; a bug is not. */
    @Test
    void domainRefusalsAreUserMistakes() {
        assertTrue(CliFront.userMistake(new InvalidInputException("params.hidden", "hidden must be in [8, 1024]")));
        assertTrue(CliFront.userMistake(new NotFoundException("run", 7)));
        assertTrue(CliFront.userMistake(new ConflictException("/api/v1/runs/7", "run 7 is RUNNING")));
        assertFalse(CliFront.userMistake(new UnavailableException("the database is unreachable")));
        assertFalse(CliFront.userMistake(new IllegalStateException("a broken invariant")));
    }
}
