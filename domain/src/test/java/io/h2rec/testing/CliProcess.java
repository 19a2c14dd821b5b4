package io.h2rec.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A service's command line run as a user runs it: a JVM of its own (this test's classpath, the
 * service's main class), with H2REC_HOME in a temporary folder so a started database would show.
 */
public final class CliProcess {
    private CliProcess() {
    }

    /** What one run printed and returned; {@code home} is its H2REC_HOME. */
    public record Result(int exitCode, String out, String err, long millis, Path home) {
        /** The lines of stderr, blank ones left out. */
        public List<String> errLines() {
            return err.lines().filter(l -> !l.isBlank()).toList();
        }

        /** Whether an embedded PostgreSQL was started or joined (the main prints it, the data folder appears). */
        public boolean startedDatabase() {
            return err.contains("[h2rec] database") || Files.exists(home.resolve("postgres"));
        }

        @Override
        public String toString() {
            return "exit " + exitCode + " after " + millis + " ms\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    /** {@code deploy/h2rec COMMAND --help}: the usage on stdout, nothing on stderr, no database started. */
    public static void assertHelp(Result r, String command) {
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().startsWith("Usage: deploy/h2rec " + command + " "), r.toString());
        assertTrue(r.out().contains("--verbose"), r.toString());
        assertEquals(List.of(), r.errLines(), r.toString());
        assertFalse(r.startedDatabase(), r.toString());
    }

    /** A user mistake: exit code 2, one line on stderr naming the command and containing {@code expected}. */
    public static void assertMistake(Result r, String command, String expected) {
        assertEquals(2, r.exitCode(), r.toString());
        assertEquals(1, r.errLines().size(), r.toString());
        assertTrue(r.errLines().get(0).startsWith("deploy/h2rec " + command + ": "), r.toString());
        assertTrue(r.err().contains(expected), "expected '" + expected + "' in\n" + r);
        assertEquals("", r.out(), r.toString());
        assertFalse(r.startedDatabase(), r.toString());
    }

    /**
     * Help within a second, timed as users run it: the service's packaged jar (run {@code mvn package}
     * first; skipped without it) with the launcher's JVM flags for help. The fastest of three runs, so
     * one stall of a shared machine does not decide.
     */
    public static void assertHelpWithinASecond(Path workDir, Path home, String command) {
        Path jar = Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath();
        assumeTrue(Files.isRegularFile(jar), "no " + jar + ": mvn -B package -DskipTests first");
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Result r = start(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--add-modules", "jdk.incubator.vector", "-XX:TieredStopAtLevel=1", "-jar", jar.toString(), command,
                    "--help"), workDir, home);
            assertEquals(0, r.exitCode(), r.toString());
            millis.add(r.millis());
        }
        assertTrue(millis.stream().mapToLong(Long::longValue).min().orElseThrow() < 1000,
                command + " --help took " + millis + " ms");
    }

    /** Runs {@code main} with {@code args} in {@code workDir}; it must end within a minute. */
    public static Result run(Class<?> main, Path workDir, Path home, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        if (Arrays.asList(args).contains("--help")) {
            command.add("-XX:TieredStopAtLevel=1"); // as deploy/h2rec runs help
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(Arrays.asList(args));
        return start(new ProcessBuilder(command), workDir, home);
    }

    /** Runs a script (the launcher) with {@code args} in {@code workDir}. */
    public static Result script(Path script, Path workDir, Path home, String... args) {
        List<String> command = new ArrayList<>(List.of("bash", script.toAbsolutePath().toString()));
        command.addAll(Arrays.asList(args));
        return start(new ProcessBuilder(command), workDir, home);
    }

    private static Result start(ProcessBuilder builder, Path workDir, Path home) {
        try {
            Path out = Files.createTempFile("cli", ".out");
            Path err = Files.createTempFile("cli", ".err");
            builder.directory(workDir.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().put("H2REC_HOME", home.toString());
            builder.environment().remove("H2REC_DB_URL");
            builder.environment().remove("H2REC_DATASET");
            long t0 = System.nanoTime();
            Process p = builder.start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("still running after 60 s: " + builder.command());
            }
            long millis = (System.nanoTime() - t0) / 1_000_000;
            Result r = new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8), millis, home);
            Files.delete(out);
            Files.delete(err);
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
