package io.h2rec.serving.security;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * Closed at the first moment of a shutdown (the earliest {@link ShutdownEvent} observer), before any bean is
 * destroyed: from then on the gRPC front door ({@link GrpcAuthInterceptor}) answers every call UNAVAILABLE with
 * a reason, touching nothing else. Calls that arrived in that window used to reach beans being torn down and were
 * answered UNKNOWN with a Java exception's text ("Error injecting ... MeterRegistry"), or UNAUTHENTICATED for a
 * valid token whose verifier had gone (an attack from outside, 2026-12-01: docs/serving.md, "Shutdown").
 * A singleton, not a client proxy: it answers after the container is gone.
 */
@Singleton
public class ShutdownGate {
    static final String SHUTTING_DOWN = "serving is shutting down: retry on another instance";

    private volatile boolean closed;

    void onShutdown(@Observes @Priority(1) ShutdownEvent event) {
        closed = true;
    }

    public boolean closed() {
        return closed;
    }

    /** For tests. */
    void close() {
        closed = true;
    }
}
