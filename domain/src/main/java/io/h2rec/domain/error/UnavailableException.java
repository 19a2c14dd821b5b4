package io.h2rec.domain.error;

import java.time.Duration;
import java.util.Map;

/**
 * A dependency is down or not ready yet (no model loaded, the database unreachable, a process that
 * does not run this kind of work): the same request may succeed later. 503 / UNAVAILABLE, with a
 * retry hint when one is known.
 */
public final class UnavailableException extends DomainException {
    public UnavailableException(String message) {
        this(message, null, null);
    }

    /** @param retryAfter when a retry is likely to succeed, or null when unknown */
    public UnavailableException(String message, Duration retryAfter, Throwable cause) {
        super(message, null, Map.of(), retryAfter, cause);
    }
}
