package io.h2rec.serving.adapter.in.cli;

import io.h2rec.serving.Main;
import io.h2rec.testing.SingleCommandLineContract;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;

/** {@code deploy/h2rec bench} as a new user meets it (CommandLineTest of training has the others). */
class BenchCommandLineTest extends SingleCommandLineContract {
    @Override
    protected Class<?> main() {
        return Main.class;
    }

    @Override
    protected String command() {
        return "bench";
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "--k must be at least 1, got 0       | --k 0",
            "--seconds must be at least 1, got 0 | --seconds 0",
            "--rates must be at least 1, got -5  | --rates 500,-5",
            "'x' is not an int                   | --seconds x",
            "(did you mean --rates?)             | --rate 5"})
    void aMistakeIsOneLineAndExitCode2(String expected, String args, @TempDir Path dir) {
        mistake(expected, args, dir);
    }
}
