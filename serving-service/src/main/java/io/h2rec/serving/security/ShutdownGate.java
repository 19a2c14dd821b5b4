package io.h2rec.serving.security;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * Closed at the start of a shutdown, right after the gRPC server has drained (GrpcDrain, which closes it) and
 * before any bean is destroyed (its own observer, priority 2, closes it too if the drain never ran): from then on
 * the gRPC front door ({@link GrpcAuthInterceptor}) answers every call UNAVAILABLE with a reason, touching
 * nothing else. Calls that arrived in that window used to reach beans being torn down and were
 * answered UNKNOWN with a Java exception's text ("Error injecting ... MeterRegistry"), or UNAUTHENTICATED for a
 * valid token whose verifier had gone (an attack from outside, 2026-12-01: docs/serving.md, "Shutdown").
 * A singleton, not a client proxy: it answers after the container is gone.
 */
@Singleton
public class ShutdownGate {
    static final String SHUTTING_DOWN = "serving is shutting down: retry on another instance";

    private volatile boolean closed;

    void onShutdown(@Observes @Priority(2) ShutdownEvent event) {
        closed = true;
    }

    public boolean closed() {
        return closed;
    }

    /** Closes the door (GrpcDrain, after the drain; tests). */
    public void close() {
        closed = true;
    }
}
