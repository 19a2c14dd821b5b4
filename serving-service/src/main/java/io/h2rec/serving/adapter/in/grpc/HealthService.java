package io.h2rec.serving.adapter.in.grpc;

import grpc.health.v1.HealthGrpc;
import grpc.health.v1.HealthOuterClass.HealthCheckRequest;
import grpc.health.v1.HealthOuterClass.HealthCheckResponse;
import grpc.health.v1.HealthOuterClass.HealthCheckResponse.ServingStatus;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.h2rec.proto.serving.v1.RankingServiceGrpc;
import io.h2rec.serving.model.ModelHolder;
import io.h2rec.serving.model.ModelSwapped;
import io.quarkus.grpc.GrpcService;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The standard gRPC health service (grpc.health.v1), as its specification says: the empty service
 * name is the process (SERVING while it answers); {@code h2rec.serving.v1.RankingService} is
 * NOT_SERVING until a model version is loaded and warmed, SERVING after (the HTTP readiness rule,
 * for grpc_health_probe and Kubernetes grpc probes); any other name is NOT_FOUND (Check) or
 * SERVICE_UNKNOWN (Watch). Watch streams every change. Replaces Quarkus's own endpoint, which
 * answers unknown names with UNKNOWN.
 */
@GrpcService
public class HealthService extends HealthGrpc.HealthImplBase {
    public static final String SERVICE = RankingServiceGrpc.SERVICE_NAME;
    /** ServingStatus 3, SERVICE_UNKNOWN (Watch of an unknown name): newer than the stubs Quarkus ships. */
    static final int SERVICE_UNKNOWN = 3;

    private record Watcher(String service, StreamObserver<HealthCheckResponse> observer) {
    }

    @Inject
    ModelHolder holder;

    private final List<Watcher> watchers = new CopyOnWriteArrayList<>();

    private ServingStatus status(String service) {
        if (service.isEmpty()) {
            return ServingStatus.SERVING;
        }
        if (service.equals(SERVICE)) {
            return holder.current() == null ? ServingStatus.NOT_SERVING : ServingStatus.SERVING;
        }
        return null;
    }

    @Override
    public void check(HealthCheckRequest request, StreamObserver<HealthCheckResponse> observer) {
        ServingStatus s = status(request.getService());
        if (s == null) {
            observer.onError(GrpcErrors.quiet(Status.NOT_FOUND.withDescription("unknown service '"
                    + request.getService() + "'; this server reports '' and '" + SERVICE + "'"), null));
            return;
        }
        observer.onNext(HealthCheckResponse.newBuilder().setStatus(s).build());
        observer.onCompleted();
    }

    @Override
    public void watch(HealthCheckRequest request, StreamObserver<HealthCheckResponse> observer) {
        Watcher w = new Watcher(request.getService(), observer);
        if (observer instanceof ServerCallStreamObserver<HealthCheckResponse> call) {
            call.setOnCancelHandler(() -> watchers.remove(w));
        }
        watchers.add(w);
        send(w);
    }

    void onSwap(@Observes ModelSwapped event) {
        watchers.forEach(this::send);
    }

    private void send(Watcher w) {
        ServingStatus s = status(w.service());
        try {
            synchronized (w) {
                HealthCheckResponse.Builder b = HealthCheckResponse.newBuilder();
                w.observer().onNext((s == null ? b.setStatusValue(SERVICE_UNKNOWN) : b.setStatus(s)).build());
            }
        } catch (RuntimeException gone) {   // the watcher went away meanwhile
            watchers.remove(w);
        }
    }
}
