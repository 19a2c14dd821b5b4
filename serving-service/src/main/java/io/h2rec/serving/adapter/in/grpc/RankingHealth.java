package io.h2rec.serving.adapter.in.grpc;

import grpc.health.v1.HealthOuterClass.HealthCheckResponse.ServingStatus;
import io.h2rec.proto.serving.v1.RankingServiceGrpc;
import io.h2rec.serving.model.ModelHolder;
import io.h2rec.serving.model.ModelSwapped;
import io.quarkus.grpc.runtime.health.GrpcHealthStorage;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * The standard gRPC health service (grpc.health.v1) answers for the ranking service by name:
 * NOT_SERVING until a model version is loaded and warmed, SERVING after — the same rule as the
 * HTTP readiness check, for clients and probes that speak gRPC (grpc_health_probe, Kubernetes grpc
 * probes with {@code service: h2rec.serving.v1.RankingService}). The empty service name stays the
 * process's liveness.
 */
@ApplicationScoped
public class RankingHealth {
    public static final String SERVICE = RankingServiceGrpc.SERVICE_NAME;

    @Inject
    GrpcHealthStorage storage;
    @Inject
    ModelHolder holder;

    synchronized void onStart(@Observes StartupEvent event) {
        update();
    }

    synchronized void onSwap(@Observes ModelSwapped event) {
        update();
    }

    private void update() {
        storage.setStatus(SERVICE, holder.current() == null ? ServingStatus.NOT_SERVING : ServingStatus.SERVING);
    }
}
