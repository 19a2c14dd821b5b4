package io.h2rec.domain.port.in;

import io.h2rec.domain.model.ModelAlias;

import java.util.List;

/**
 * Which variants to replay offline and on what.
 *
 * @param deployment compare this deployment's routes (when {@code aliases} is empty)
 * @param aliases    compare these aliases instead ({@value ModelAlias#ACTIVE}: the active version); at most 8
 * @param dataset    the variants' dataset read from this location (prepared as they were; its fingerprint must
 *                   be theirs), or null: from where it was registered
 */
public record ReplayVariantsQuery(String deployment, List<String> aliases, String dataset) {
    public static final int MAX_ALIASES = 8;

    public ReplayVariantsQuery {
        aliases = List.copyOf(aliases == null ? List.of() : aliases);
        if (aliases.size() > MAX_ALIASES) {
            throw new io.h2rec.domain.error.InvalidInputException("alias", "at most " + MAX_ALIASES
                    + " aliases are compared at once, got " + aliases.size());
        }
    }
}
