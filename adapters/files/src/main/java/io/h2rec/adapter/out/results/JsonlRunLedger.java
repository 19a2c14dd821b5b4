package io.h2rec.adapter.out.results;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.h2rec.domain.error.InvalidInputException;
import io.h2rec.domain.model.LedgerRun;
import io.h2rec.domain.port.out.RunLedger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The run ledger as JSON lines, one file per dataset ({@code <dir>/<dataset>.jsonl}), meant to be
 * committed: one line per finished run, fields in a fixed order so diffs stay readable. Read strictly: a line
 * that does not parse, has a field of the wrong type or an unknown one, a metric out of its range, no metrics,
 * another dataset's run or a key an earlier line has is an error naming the file and line (exit 2 in the
 * commands), never skipped or half-read in silence. The line format: {@link LedgerLines}. Writers hold the
 * directory's lock file, so processes (and instances) sharing the directory lose none of each other's lines.
 */
public final class JsonlRunLedger implements RunLedger {
    /** Strict: one object per line (a second one after it is an error, not dropped). */
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private static final Map<Path, Object> MONITORS = new ConcurrentHashMap<>();

    private final Path dir;

    public JsonlRunLedger(Path dir) {
        this.dir = dir;
    }

    public Path file(String datasetName) {
        return dir.resolve(datasetName.replaceAll("[^A-Za-z0-9._-]", "_") + ".jsonl");
    }

    @Override
    public synchronized List<LedgerRun> read(String datasetName) {
        Path f = file(datasetName);
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new InvalidInputException("ledger", "the run ledger directory " + dir + " is a file (H2REC_TRAINING_LEDGER_DIR)");
        }
        if (!Files.exists(f)) {
            return List.of();
        }
        return parse(f, lines(f), datasetName);
    }

    private static List<String> lines(Path f) {
        try {
            return Files.readAllLines(f, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw new InvalidInputException("ledger", "run ledger " + f + " is not UTF-8 text");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the run ledger " + f, e);
        }
    }

    /** The runs of a ledger file's lines, one per non-blank line, each checked (see the class comment). */
    private static List<LedgerRun> parse(Path f, List<String> lines, String datasetName) {
        List<LedgerRun> runs = new ArrayList<>();
        Map<String, Integer> lineOfKey = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            LedgerRun run;
            try {
                JsonNode node = JSON.readTree(lines.get(i));
                if (node == null || !node.isObject()) {
                    throw new IllegalArgumentException("not a JSON object");
                }
                run = LedgerLines.fromJson(node);
            } catch (JsonProcessingException e) {
                throw new InvalidInputException("ledger", "run ledger " + f + " line " + (i + 1) + ": not one JSON object ("
                        + e.getOriginalMessage() + ")", e);
            } catch (RuntimeException e) {
                throw new InvalidInputException("ledger", "run ledger " + f + " line " + (i + 1) + ": " + e.getMessage(), e);
            }
            if (!run.datasetName().equals(datasetName)) {
                throw new InvalidInputException("ledger", "run ledger " + f + " line " + (i + 1) + ": a run of dataset '"
                        + run.datasetName() + "' in the file of '" + datasetName + "'");
            }
            Integer first = lineOfKey.putIfAbsent(run.key(), i + 1);
            if (first != null) {
                throw new InvalidInputException("ledger", "run ledger " + f + " line " + (i + 1) + " repeats the key of line "
                        + first + " (" + run.key() + "): keep one of them");
            }
            runs.add(run);
        }
        return runs;
    }

    @Override
    public synchronized boolean append(LedgerRun run) {
        String line = serialise(run);
        return locked(() -> {
            if (read(run.datasetName()).stream().anyMatch(r -> r.key().equals(run.key()))) {
                return false;
            }
            Path f = file(run.datasetName());
            // A file whose last line lacks its newline (an editor, a truncated copy) would glue this line onto it.
            String lead = Files.exists(f) && Files.size(f) > 0 && !endsWithNewline(f) ? "\n" : "";
            Files.writeString(f, lead + line + "\n",
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            return true;
        });
    }

    @Override
    public synchronized boolean complete(LedgerRun run) {
        String line = serialise(run);
        return locked(() -> {
            Path f = file(run.datasetName());
            if (!Files.exists(f)) {
                return false;
            }
            List<String> lines = lines(f);
            List<LedgerRun> runs = parse(f, lines, run.datasetName());   // the file as it is, checked line by line
            if (runs.stream().noneMatch(r -> r.key().equals(run.key()))) {
                return false;
            }
            for (int i = 0, r = 0; i < lines.size(); i++) {
                if (!lines.get(i).isBlank() && runs.get(r++).key().equals(run.key())) {
                    lines.set(i, line);
                    break;
                }
            }
            // Written beside and moved over the file: a reader sees the old ledger or the new one, never half.
            Path tmp = Files.createTempFile(dir, "." + f.getFileName(), ".tmp");
            try {
                Files.write(tmp, lines, StandardCharsets.UTF_8);
                try {
                    Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(f));   // not the temp file's 0600
                } catch (UnsupportedOperationException e) {
                    // not a POSIX file system: the temp file's default permissions
                }
                Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
            return true;
        });
    }

    /** The line for {@code run}, read back as a reader would: what the reader would refuse is not written. */
    private static String serialise(LedgerRun run) {
        try {
            String line = JSON.writeValueAsString(LedgerLines.toJson(run));
            LedgerLines.fromJson(JSON.readTree(line));
            return line;
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("ledger", "not written to the run ledger: " + e.getOriginalMessage(), e);
        } catch (RuntimeException e) {
            throw new InvalidInputException("ledger", "not written to the run ledger: " + e.getMessage(), e);
        }
    }

    private interface LedgerChange {
        boolean apply() throws IOException;
    }

    /**
     * A change under the directory's lock file ({@code .ledger.lock}, an OS lock): sweeps of two registries that
     * share the ledger directory append and complete lines one after the other, none lost.
     */
    private boolean locked(LedgerChange change) {
        try {
            Files.createDirectories(dir);
            Path lockFile = dir.resolve(".ledger.lock").toAbsolutePath().normalize();
            // An OS lock is held per process: instances in one JVM take turns on a monitor first.
            synchronized (MONITORS.computeIfAbsent(lockFile, f -> new Object())) {
                try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                     FileLock ignored = channel.lock()) {
                    return change.apply();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the run ledger in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static boolean endsWithNewline(Path f) throws IOException {
        try (SeekableByteChannel c = Files.newByteChannel(f)) {
            ByteBuffer last = ByteBuffer.allocate(1);
            c.position(c.size() - 1).read(last);
            return last.get(0) == '\n';
        }
    }
}
