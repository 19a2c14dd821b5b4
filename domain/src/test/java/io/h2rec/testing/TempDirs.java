package io.h2rec.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * Temporary directories for test state that outlives one method (a Quarkus test's datasets, artifact stores,
 * keys): removed with their contents when the test JVM exits, so a suite leaves the temporary directory as it
 * found it (before, every run left ~20 folders of synthetic datasets and model artifacts there). State of one
 * method uses JUnit's {@code @TempDir} instead.
 */
public final class TempDirs {
    private static final List<Path> CREATED = new CopyOnWriteArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> CREATED.forEach(TempDirs::deleteTree), "temp-dirs"));
    }

    private TempDirs() {
    }

    /** A new directory under java.io.tmpdir, deleted at exit (as {@link Files#createTempDirectory(String, java.nio.file.attribute.FileAttribute[])}). */
    public static Path create(String prefix) throws IOException {
        Path dir = Files.createTempDirectory(prefix);
        CREATED.add(dir);
        return dir;
    }

    /** The directory and everything under it; what cannot be deleted (a file still open elsewhere) is left. */
    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // best effort at exit: a leftover folder is not a test failure
        }
    }
}
