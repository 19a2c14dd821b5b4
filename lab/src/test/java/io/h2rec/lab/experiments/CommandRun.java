package io.h2rec.lab.experiments;

import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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
}
