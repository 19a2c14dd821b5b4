package io.h2rec.adapter.out.dataset;

import io.h2rec.domain.error.InvalidInputException;
import io.h2rec.domain.model.RawDataset;
import io.h2rec.domain.port.out.SequenceSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reads the dataset layouts of docs/datasets.md from a directory:
 * <ul>
 *   <li>LETTER JSON: {@code X.inter.json} (+ {@code X.item.json}, {@code X.index.json})</li>
 *   <li>RecBole atomic files: {@code X.inter} (+ {@code X.item})</li>
 *   <li>the plain layout: {@code interactions.csv} (+ {@code items.jsonl})</li>
 * </ul>
 */
public final class FileSequenceSource implements SequenceSource {

    @Override
    public RawDataset load(String location) {
        Path file = locate(location);
        String name = file.getFileName().toString();
        if (name.endsWith(".inter.json")) {
            return LetterJsonReader.read(file);
        }
        if (name.endsWith(".inter")) {
            return RecBoleReader.read(file);
        }
        return PlainLayoutReader.read(file.getParent(), file);
    }

    /**
     * Checks that a location holds a known layout without reading it, so a command can refuse a wrong
     * path before it starts anything.
     *
     * @throws IllegalArgumentException naming what was expected
     */
    public static void check(String location) {
        locate(location);
    }

    /**
     * Whether a location's layout carries real timestamps (RecBole, plain CSV) rather than each
     * user's order only (LETTER JSON), without reading it: a temporal split needs them.
     */
    public static boolean timestamped(String location) {
        return !locate(location).getFileName().toString().endsWith(".inter.json");
    }

    /** The interactions file a location reads: X.inter.json (LETTER), X.inter (RecBole) or a .csv (plain). */
    static Path locate(String location) {
        Path dir = Path.of(location).toAbsolutePath().normalize();
        if (Files.isRegularFile(dir) && dir.getFileName().toString().endsWith(".csv")) {
            return dir;
        }
        if (!Files.isDirectory(dir)) {
            throw new InvalidInputException("location", "dataset location " + dir + " is not a directory or a .csv file");
        }
        Optional<Path> letter = single(dir, ".inter.json");
        if (letter.isPresent()) {
            return letter.get();
        }
        Optional<Path> recbole = single(dir, ".inter");
        if (recbole.isPresent()) {
            return recbole.get();
        }
        Path csv = dir.resolve(PlainLayoutReader.INTERACTIONS);
        if (Files.isRegularFile(csv)) {
            return csv;
        }
        throw new InvalidInputException("location", "no known dataset layout in " + dir + ": expected X.inter.json (LETTER), "
                + "X.inter (RecBole) or " + PlainLayoutReader.INTERACTIONS + " (plain layout, see docs/datasets.md)");
    }

    static Optional<Path> single(Path dir, String suffix) {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> found = files.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
            if (found.size() > 1) {
                throw new InvalidInputException("location", dir + " holds several *" + suffix + " files: " + found);
            }
            return found.stream().findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    /** "Beauty" for ".../Beauty.inter.json". */
    static String stem(Path file, String suffix) {
        String name = file.getFileName().toString();
        return name.substring(0, name.length() - suffix.length());
    }
}
