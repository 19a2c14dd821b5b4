package io.h2rec.domain.error;

import java.util.Map;

/**
 * A client mistake in one named field of a request ("params.hidden", "seeds[2]", "options.batch"):
 * the APIs answer it with a 400 / INVALID_ARGUMENT naming the field, before any work starts.
 * Non-sealed so that an adapter can name its own kind (a malformed dataset file).
 */
public non-sealed class InvalidInputException extends DomainException {
    public InvalidInputException(String field, String message) {
        this(field, message, Map.of());
    }

    /** @param details extra facts for the client, e.g. a memory estimate and the budget it exceeds */
    public InvalidInputException(String field, String message, Map<String, Object> details) {
        super(message, field, details, null, null);
    }

    public InvalidInputException(String field, String message, Throwable cause) {
        super(message, field, Map.of(), null, cause);
    }
}
