package io.h2rec.quantizer.adapter.in.cli;

import io.h2rec.quantizer.Main;
import io.h2rec.testing.SingleCommandLineContract;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;

/** {@code deploy/h2rec quantize} as a new user meets it (CommandLineTest of training has the others). */
class QuantizeCommandLineTest extends SingleCommandLineContract {
    @Override
    protected Class<?> main() {
        return Main.class;
    }

    @Override
    protected String command() {
        return "quantize";
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
        mistake(expected, args, dir);
    }
}
