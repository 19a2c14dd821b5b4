package io.h2rec.lab;

import io.h2rec.testing.SingleCommandLineContract;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code deploy/h2rec bench} (the lab's serving benchmark) as a new user meets it, before it connects to anything. */
class BenchCommandLineTest extends SingleCommandLineContract {
    @Override
    protected Class<?> main() {
        return Lab.class;
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
            "--channels must be at least 1, got 0 | --channels 0",
            "--target must be HOST:PORT          | --target localhost",
            "--training must be the training service's URL | --training localhost:8081",
            "(did you mean --rates?)             | --rate 5"})
    void aMistakeIsOneLineAndExitCode2(String expected, String args, @TempDir Path dir) {
        mistake(expected, args, dir);
    }

    /** Another table's file is refused before any measuring, not overwritten and not found out after minutes of load. */
    @Test
    void anotherTablesResultsFileIsAMistake(@TempDir Path dir) throws IOException {
        Path other = Files.writeString(dir.resolve("beauty.csv"), "model,ndcg\nsasrec,0.03\n");
        mistake("--results " + other + " is not this bench's table", "--results " + other, dir);
    }
}
