package io.h2rec.testing;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;

/**
 * What a main's commands owe a new user, each run in a JVM of its own: help at once, without the database or
 * Quarkus; every kind of mistake one line and exit code 2; help within a second (tagged "timing", outside
 * `mvn verify`: no wall clock there). A subclass names its main and declares two static sources:
 * {@code commands()}, the commands whose help is checked, and {@code mistakes()}, each a list of the expected
 * fragment of the line, then the arguments (on {@link #data}, a small synthetic dataset, or files in {@link #tmp}).
 */
public abstract class CommandLineContract {
    /** The repository root (tests run in their module's folder). */
    protected static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    @TempDir
    protected static Path tmp;
    protected static Path data;

    @BeforeAll
    static void dataset() {
        data = SyntheticData.write(tmp.resolve("data"), 60, 30, 3, 5);
    }

    protected abstract Class<?> main();

    @ParameterizedTest
    @MethodSource("commands")
    void helpAnswersWithoutStartingTheDatabaseOrQuarkus(String command, @TempDir Path home) {
        CliProcess.assertHelp(CliProcess.run(main(), ROOT, home, command, "--help"), command);
    }

    @ParameterizedTest
    @MethodSource("mistakes")
    void aMistakeIsOneLineAndExitCode2(List<String> expectation, @TempDir Path home) {
        List<String> args = expectation.subList(1, expectation.size());
        CliProcess.assertMistake(CliProcess.run(main(), ROOT, home, args.toArray(String[]::new)), args.get(0),
                expectation.get(0));
    }

    @Tag("timing")
    @ParameterizedTest
    @MethodSource("commands")
    void helpAnswersWithinASecond(String command, @TempDir Path home) {
        CliProcess.assertHelpWithinASecond(ROOT, home, command);
    }
}
