package io.h2rec.domain.model;

import io.h2rec.domain.error.InvalidInputException;

import java.time.Instant;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A name that points at a model version, MLflow-style ({@code champion}, {@code challenger}).
 * Moving it is one write; a deployment ({@link TrafficSplit}) routes traffic to aliases, so serving
 * follows the move without the deployment changing.
 *
 * @param updatedBy the caller's token subject ("in-process" for commands and tests)
 */
public record ModelAlias(String name, long modelVersionId, Instant updatedAt, String updatedBy) {
    /** What responses name when no deployment routes: the active version. Not an alias anyone can set. */
    public static final String ACTIVE = "active";
    /** What responses name when serving is pinned to a version by configuration. */
    public static final String PINNED = "pinned";

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{0,62}");
    private static final Set<String> RESERVED = Set.of(ACTIVE, PINNED);

    /**
     * An alias or deployment name: a lower-case letter, then up to 62 lower-case letters, digits,
     * '-' or '_' (it appears in URLs and metric labels).
     *
     * @throws InvalidInputException naming {@code field} otherwise, or for a reserved name
     */
    public static String checkName(String field, String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            String shown = name == null ? "nothing" : "'" + (name.length() > 70 ? name.substring(0, 70) + "..." : name) + "'";
            throw new InvalidInputException(field, field + " must be a lower-case letter followed by up to 62 lower-case "
                    + "letters, digits, '-' or '_', got " + shown);
        }
        if (RESERVED.contains(name)) {
            throw new InvalidInputException(field, "'" + name + "' is reserved: responses name it when no deployment "
                    + "routes (" + ACTIVE + ") or a version is pinned by configuration (" + PINNED + ")");
        }
        return name;
    }
}
