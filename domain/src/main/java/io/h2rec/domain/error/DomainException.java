package io.h2rec.domain.error;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * A failure a caller can act on, in the domain's words: the one error vocabulary every protocol maps
 * (REST: problem+json status, gRPC: status code), each in one place. Anything else that escapes a
 * use case (an IllegalStateException of a broken invariant, a library's IllegalArgumentException)
 * is an internal error: 500 / INTERNAL with an error id, its message kept in the server's log.
 *
 * <ul>
 *   <li>{@link InvalidInputException}: the request is wrong (400 / INVALID_ARGUMENT), naming the field;</li>
 *   <li>{@link NotFoundException}: what it names does not exist (404 / NOT_FOUND);</li>
 *   <li>{@link ConflictException}: the resource's state forbids it (409 / FAILED_PRECONDITION);</li>
 *   <li>{@link UnavailableException}: a dependency is down or not ready; retry (503 / UNAVAILABLE).</li>
 * </ul>
 *
 * The message is for the client: it says what is wrong and what is allowed, and never quotes a
 * server path, a stack trace or a stored value the client did not send.
 */
public abstract sealed class DomainException extends RuntimeException
        permits InvalidInputException, NotFoundException, ConflictException, UnavailableException {
    private final String field;
    private final Map<String, Object> details;
    private final Duration retryAfter;

    DomainException(String message, String field, Map<String, Object> details, Duration retryAfter,
                    Throwable cause) {
        super(message, cause);
        this.field = field;
        this.details = Map.copyOf(details);
        this.retryAfter = retryAfter;
    }

    /** The offending request field as a path ("params.hidden", "seeds[1]"), or null when none is known. */
    public String field() {
        return field;
    }

    /** Extra facts for the client (an estimate and the budget it exceeds, the conflicting resource). */
    public Map<String, Object> details() {
        return details;
    }

    /** When a retry is likely to succeed, if known. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
