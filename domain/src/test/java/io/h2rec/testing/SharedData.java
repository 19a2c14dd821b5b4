package io.h2rec.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Finds ../shared/data (the datasets are read in place, never copied): the system property or
 * environment variable H2REC_SHARED_DATA, else a "shared/data" beside any parent of the working
 * directory.
 */
public final class SharedData {
    private SharedData() {
    }

    public static Optional<Path> root() {
        String configured = System.getProperty("H2REC_SHARED_DATA", System.getenv("H2REC_SHARED_DATA"));
        if (configured != null && Files.isDirectory(Path.of(configured))) {
            return Optional.of(Path.of(configured));
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared").resolve("data");
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The dataset folder; fails (never skips) when it is missing: CI always has ../shared. */
    public static Path dataset(String folder) {
        Optional<Path> root = root();
        if (root.isEmpty() || !Files.isDirectory(root.get().resolve(folder))) {
            fail("../shared/data/" + folder + " not found from " + Path.of("").toAbsolutePath()
                    + "; set H2REC_SHARED_DATA to the datasets' folder");
        }
        return root.get().resolve(folder);
    }
}
