package io.h2rec.quantizer.adapter.in.cli;

import io.h2rec.quantizer.Main;
import io.h2rec.testing.CliProcess;
import io.h2rec.testing.SyntheticData;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;

/** {@code deploy/h2rec quantize} as a new user meets it, in a JVM of its own (CommandLineTest of training). */
class QuantizeCommandLineTest {
    static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    @Test
    void helpAnswersWithoutStartingTheDatabaseOrQuarkus(@TempDir Path home) {
        CliProcess.assertHelp(CliProcess.run(Main.class, ROOT, home, "quantize", "--help"), "quantize");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "unknown quantizer 'nope'; one of [        | --quantizer nope",
            "levels L must be in 1..8, got 0           | --levels 0",
            "codebook size K must be in 2..4096, got 1 | -K 1",
            "names no {field}                          | --template plain",
            "'x' is not an int                         | --levels x",
            "(did you mean --levels?)                  | --level 3",
            "should be in KEY=VALUE format             | --option iterations"})
    void aMistakeIsOneLineAndExitCode2(String expected, String args, @TempDir Path dir) {
        Path data = SyntheticData.write(dir.resolve("data"), 60, 30, 3, 5);
        String[] argv = ("quantize --dataset " + data + " " + args).split(" ");
        CliProcess.assertMistake(CliProcess.run(Main.class, ROOT, dir.resolve("home"), argv), "quantize", expected);
    }

    @Test
    void aMissingDatasetIsOneLine(@TempDir Path dir) {
        CliProcess.assertMistake(CliProcess.run(Main.class, ROOT, dir, "quantize", "--dataset", dir.resolve("nope").toString()),
                "quantize", "dataset " + dir.resolve("nope") + " not found");
    }

    @Tag("timing")
    @Test
    void helpAnswersWithinASecond(@TempDir Path home) {
        CliProcess.assertHelpWithinASecond(Main.class, ROOT, home, "quantize");
    }
}
