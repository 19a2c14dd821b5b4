package io.h2rec.adapter.out.results;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a command will write, checked before it trains: a run of half an hour must not end in "cannot write"
 * (each throws IllegalArgumentException naming the option: a user mistake, exit 2).
 */
public final class OutputPaths {
    private OutputPaths() {
    }

    /** A directory that exists, or can be made: its nearest existing ancestor is a writable directory. */
    public static void directory(String option, Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException(option + ": " + dir + " is a file, not a directory");
        }
        writableAncestor(option, dir);
    }

    /** A file that is not a directory nor read-only, in a directory that exists or can be made. */
    public static void file(String option, Path file) {
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(option + ": " + file + " is a directory; name a file");
        }
        if (Files.exists(file) && !Files.isWritable(file)) {
            throw new IllegalArgumentException(option + ": " + file + " exists and cannot be written");
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            directory(option, parent);
        }
    }

    private static void writableAncestor(String option, Path dir) {
        Path p = dir.toAbsolutePath();
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        if (p != null && (!Files.isDirectory(p) || !Files.isWritable(p))) {
            throw new IllegalArgumentException(option + ": cannot write under " + p
                    + (Files.isDirectory(p) ? " (not writable)" : " (a file, not a directory)"));
        }
    }
}
