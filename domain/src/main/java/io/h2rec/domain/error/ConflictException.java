package io.h2rec.domain.error;

import java.util.Map;

/**
 * A request that collides with the current state of a resource (a name taken by a different spec, a
 * run that cannot take this transition, a lease another process won): 409 / FAILED_PRECONDITION,
 * naming the resource when known.
 */
public final class ConflictException extends DomainException {
    private final String resource;

    /** @param resource what the request collides with, as an API path (e.g. "/api/v1/experiments/7"), or null */
    public ConflictException(String resource, String message) {
        super(message, null, resource == null ? Map.of() : Map.of("resource", resource), null, null);
        this.resource = resource;
    }

    public String resource() {
        return resource;
    }
}
