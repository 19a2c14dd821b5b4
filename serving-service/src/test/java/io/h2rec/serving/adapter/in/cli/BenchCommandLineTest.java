package io.h2rec.serving.adapter.in.cli;

import io.h2rec.serving.Main;
import io.h2rec.testing.CliProcess;
import io.h2rec.testing.SyntheticData;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;

/** {@code deploy/h2rec bench} as a new user meets it, in a JVM of its own (CommandLineTest of training). */
class BenchCommandLineTest {
    static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    @Test
    void helpAnswersWithoutStartingTheDatabaseOrQuarkus(@TempDir Path home) {
        CliProcess.assertHelp(CliProcess.run(Main.class, ROOT, home, "bench", "--help"), "bench");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "--k must be at least 1, got 0       | --k 0",
            "--seconds must be at least 1, got 0 | --seconds 0",
            "--rates must be at least 1, got -5  | --rates 500,-5",
            "'x' is not an int                   | --seconds x",
            "(did you mean --rates?)             | --rate 5"})
    void aMistakeIsOneLineAndExitCode2(String expected, String args, @TempDir Path dir) {
        Path data = SyntheticData.write(dir.resolve("data"), 60, 30, 3, 5);
        String[] argv = ("bench --dataset " + data + " " + args).split(" ");
        CliProcess.assertMistake(CliProcess.run(Main.class, ROOT, dir.resolve("home"), argv), "bench", expected);
    }

    @Test
    void aMissingDatasetIsOneLine(@TempDir Path dir) {
        CliProcess.assertMistake(CliProcess.run(Main.class, ROOT, dir, "bench", "--dataset", dir.resolve("nope").toString()),
                "bench", "dataset " + dir.resolve("nope") + " not found");
    }

    @Tag("timing")
    @Test
    void helpAnswersWithinASecond(@TempDir Path home) {
        CliProcess.assertHelpWithinASecond(Main.class, ROOT, home, "bench");
    }
}
