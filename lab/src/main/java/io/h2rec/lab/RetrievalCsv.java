package io.h2rec.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/** The retrieval benchmarks' result files: rows appended under the header they were written with, never under another. */
final class RetrievalCsv {
    private RetrievalCsv() {
    }

    /** Appends rows to out, writing the header first when the file is new or empty. */
    static void append(Path out, String header, List<String> rows) throws IOException {
        if (!Files.exists(out) || Files.size(out) == 0) {
            List<String> all = new ArrayList<>();
            all.add(header);
            all.addAll(rows);
            Files.write(out, all);
            return;
        }
        requireAppendable(out, header);
        Files.write(out, rows, StandardOpenOption.APPEND);
    }

    /** Checked before a benchmark starts: an existing, non-empty out must have this header. */
    static void requireAppendable(Path out, String header) {
        try {
            if (!Files.isRegularFile(out) || Files.size(out) == 0) {
                return;
            }
            String found;
            try (var lines = Files.lines(out)) {
                found = lines.findFirst().orElse("");
            }
            if (!found.equals(header)) {
                throw new IllegalArgumentException("--out " + out + " has other columns than this benchmark writes (an older "
                        + "layout?): give another file, or bring its header to: " + header);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("--out " + out + " cannot be read: " + e.getMessage());
        }
    }
}
