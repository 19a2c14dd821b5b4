package io.h2rec.domain.model;

/**
 * A request that collides with an existing resource (a name taken by a different spec, a run that
 * cannot take this transition): the APIs answer 409 and name the resource.
 */
public class ResourceConflictException extends IllegalStateException {
    private final String resource;

    /** @param resource what the request collides with, as an API path (e.g. "/api/v1/experiments/7") */
    public ResourceConflictException(String resource, String message) {
        super(message);
        this.resource = resource;
    }

    public String resource() {
        return resource;
    }
}
