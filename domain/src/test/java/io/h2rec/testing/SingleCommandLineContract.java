package io.h2rec.testing;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/**
 * What every service command that reads a dataset owes a new user, each run in a JVM of its own:
 * help at once without the database, a missing dataset in one line. A subclass names its main class
 * and command, and adds the command's own mistakes ({@link #mistake}).
 */
public abstract class SingleCommandLineContract {
    /** The repository root (tests run in their module's folder). */
    protected static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    protected abstract Class<?> main();

    protected abstract String command();

    /** Runs the command on a small synthetic dataset with {@code args} and expects one line with {@code expected}. */
    protected void mistake(String expected, String args, Path dir) {
        Path data = SyntheticData.write(dir.resolve("data"), 60, 30, 3, 5);
        String[] argv = (command() + " --dataset " + data + " " + args).split(" ");
        CliProcess.assertMistake(CliProcess.run(main(), ROOT, dir.resolve("home"), argv), command(), expected);
    }

    @Test
    void helpAnswersWithoutStartingTheDatabaseOrQuarkus(@TempDir Path home) {
        CliProcess.assertHelp(CliProcess.run(main(), ROOT, home, command(), "--help"), command());
    }

    @Test
    void aMissingDatasetIsOneLine(@TempDir Path dir) {
        CliProcess.assertMistake(CliProcess.run(main(), ROOT, dir, command(), "--dataset", dir.resolve("nope").toString()),
                command(), "dataset " + dir.resolve("nope") + " not found");
    }

    @Tag("timing")
    @Test
    void helpAnswersWithinASecond(@TempDir Path home) {
        CliProcess.assertHelpWithinASecond(ROOT, home, command());
    }
}
