package io.h2rec.lab;

import io.h2rec.testing.SingleCommandLineContract;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;

/** {@code deploy/h2rec split} (the lab's traffic-split check) as a new user meets it, before it connects to anything. */
class SplitCommandLineTest extends SingleCommandLineContract {
    @Override
    protected Class<?> main() {
        return Lab.class;
    }

    @Override
    protected String command() {
        return "split";
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--users must be at least 1, got 0 | --users 0",
            "--move must be ALIAS=VERSION | --move challenger"})
    void aMistakeIsOneLineAndExitCode2(String expected, String args, @TempDir Path dir) {
        mistake(expected, args, dir);
    }
}
