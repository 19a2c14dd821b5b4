package io.h2rec.domain.error;

import java.util.Map;

/** What a request names by id does not exist: 404 / NOT_FOUND. */
public final class NotFoundException extends DomainException {
    private final String what;
    private final String id;

    /** "unknown {what} {id}", e.g. {@code new NotFoundException("run", 7)}. */
    public NotFoundException(String what, Object id) {
        this(what, id, "unknown " + what + " " + id);
    }

    /** @param message the client's sentence, when "unknown what id" is not the right one */
    public NotFoundException(String what, Object id, String message) {
        super(message, null, Map.of(), null, null);
        this.what = what;
        this.id = id == null ? null : String.valueOf(id);
    }

    /** The kind of thing looked up ("run", "model version"). */
    public String what() {
        return what;
    }

    /** The id looked up, or null (e.g. "the active model version"). */
    public String id() {
        return id;
    }
}
