package io.h2rec.lab.experiments;

import io.h2rec.domain.model.PreparationParams;
import io.h2rec.domain.model.RegisteredDataset;
import io.h2rec.domain.port.in.PrepareDatasetCommand;
import io.h2rec.domain.port.in.PrepareDatasetUseCase;
import io.h2rec.testing.SyntheticData;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Runs a lab command in process (a fresh instance per call: picocli keeps a reused object's fields) and returns what it printed. */
final class CommandRun {
    private CommandRun() {
    }

    /** Executes {@code command} with {@code args}, its output captured through {@code out}; asserts the exit code. */
    static String run(Object command, Consumer<PrintStream> out, int expectedExit, String... args) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        out.accept(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        int code = new CommandLine(command).execute(args);
        String printed = buffer.toString(StandardCharsets.UTF_8);
        assertEquals(expectedExit, code, printed);
        return printed;
    }

    /** A synthetic dataset written to {@code dir/data} and registered: its path and its registration. */
    record Prepared(Path data, RegisteredDataset ds) {
    }

    static Prepared prepared(PrepareDatasetUseCase datasets, Path dir, int users, int items, long seed) {
        Path data = SyntheticData.write(dir.resolve("data"), users, items, 6, seed);
        return new Prepared(data, datasets.prepare(new PrepareDatasetCommand(data.toString(), PreparationParams.DEFAULT))
                .registration());
    }
}
