package io.h2rec.domain.model;

import java.util.Map;

/**
 * A client mistake in one named field of a request ("params.hidden", "seeds[2]", "options.batch"):
 * the APIs answer it with a 4xx naming the field, before any work starts.
 */
public class InvalidInputException extends IllegalArgumentException {
    private final String field;
    private final Map<String, Object> details;

    public InvalidInputException(String field, String message) {
        this(field, message, Map.of());
    }

    /** @param details extra facts for the client, e.g. a memory estimate and the budget it exceeds */
    public InvalidInputException(String field, String message, Map<String, Object> details) {
        super(message);
        this.field = field;
        this.details = Map.copyOf(details);
    }

    public String field() {
        return field;
    }

    public Map<String, Object> details() {
        return details;
    }
}
