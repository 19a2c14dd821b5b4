package io.h2rec.adapter.in.security;

import io.h2rec.domain.error.InvalidInputException;
import org.eclipse.microprofile.config.ConfigProvider;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Where an API client may point the services at data: only folders (or .csv files) under the
 * configured data roots ({@code h2rec.data-roots}, {@code H2REC_DATA_ROOTS}; default
 * {@code ../shared/data} and {@code $H2REC_HOME/data}). Anything else — outside the roots, missing,
 * unreadable, a symbolic link that leads out — is refused with one message that does not tell which, so the API
 * cannot be used to probe the server's files. Responses show locations relative to their root.
 */
public final class DataRoots {
    public static final String PROPERTY = "h2rec.data-roots";
    static final int MAX_LOCATION = 4096;

    private final List<Path> roots;

    public DataRoots(List<Path> roots) {
        List<Path> resolved = new ArrayList<>();
        for (Path r : roots) {
            Path n = r.toAbsolutePath().normalize();
            try {
                n = n.toRealPath();
            } catch (IOException missing) {
                // A root that does not exist (yet) holds nothing; keep it so it works once created.
            }
            resolved.add(n);
        }
        // Longest first: a location is shown relative to the most specific root holding it.
        resolved.sort(Comparator.comparingInt((Path p) -> p.toString().length()).reversed());
        this.roots = List.copyOf(resolved);
    }

    /** The roots of this service's configuration. */
    public static DataRoots current() {
        List<String> configured = ConfigProvider.getConfig().getOptionalValues(PROPERTY, String.class).orElse(List.of());
        return new DataRoots(configured.stream().filter(s -> !s.isBlank()).map(String::trim).map(Path::of).toList());
    }

    /** {@link #resolve(String, String)} for a request field named "location". */
    public String resolve(String location) {
        return resolve("location", location);
    }

    /**
     * The dataset a client named in {@code field} — absolute, relative to the working directory, or
     * relative to a root — as the real path of a folder or file under a root.
     *
     * @throws InvalidInputException naming the field, for anything else, with one message whatever the reason
     */
    public String resolve(String field, String location) {
        if (location == null || location.isBlank()) {
            throw new InvalidInputException(field, "a dataset location is required: a folder under the data roots, "
                    + "e.g. \"amazon-beauty\"");
        }
        if (location.length() <= MAX_LOCATION && location.indexOf('\0') < 0) {
            for (Path candidate : candidates(location)) {
                Path n = candidate.toAbsolutePath().normalize();
                if (!underRoot(n)) {
                    continue;
                }
                try {
                    Path real = n.toRealPath();
                    // Unreadable is refused like missing: listing it later answered 500, which told a client it exists.
                    if (underRoot(real) && Files.isReadable(real)
                            && (Files.isDirectory(real) ? Files.isExecutable(real) : Files.isRegularFile(real))) {
                        return real.toString();
                    }
                } catch (IOException | SecurityException unreadable) {
                    // refused below, like everything else
                }
            }
        }
        throw new InvalidInputException(field, "dataset location '" + shorten(location) + "' is not a dataset under "
                + "the configured data roots (H2REC_DATA_ROOTS)");
    }

    /** A location as responses show it: relative to its root, or only its last name when under none. */
    public String display(String location) {
        if (location == null || location.isBlank()) {
            return location;
        }
        try {
            Path n = Path.of(location).toAbsolutePath().normalize();
            for (Path root : roots) {
                if (n.startsWith(root)) {
                    String relative = root.relativize(n).toString();
                    return relative.isEmpty() ? "." : relative;
                }
            }
            Path name = n.getFileName();
            return name == null ? "." : name.toString();
        } catch (InvalidPathException e) {
            return "?";
        }
    }

    /** A message with every root's absolute path taken out (locations become relative to their root). */
    public String redact(String message) {
        if (message == null) {
            return null;
        }
        String out = message;
        for (Path root : roots) {
            if (root.getNameCount() == 0) {
                continue; // "/" as a root: nothing to take out
            }
            out = out.replace(root + File.separator, "").replace(root.toString(), ".");
        }
        return out;
    }

    private List<Path> candidates(String location) {
        List<Path> out = new ArrayList<>();
        try {
            Path p = Path.of(location);
            out.add(p);
            if (!p.isAbsolute()) {
                roots.forEach(r -> out.add(r.resolve(p)));
            }
        } catch (InvalidPathException e) {
            // no candidate
        }
        return out;
    }

    private boolean underRoot(Path p) {
        return roots.stream().anyMatch(p::startsWith);
    }

    private static String shorten(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }
}
