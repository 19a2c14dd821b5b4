package io.h2rec.serving.health;

import io.h2rec.domain.model.ServingModel;
import io.h2rec.serving.model.ModelHolder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready = a model version is loaded and warmed, and the gRPC server is listening: what ranking
 * needs, and nothing else (a version whose candidate index is still building ranks exactly; the
 * "retrieval" data says which path each loaded version takes). The database is not checked: the request path never touches it, and a
 * database blip must not take every replica out of the load balancer (a loaded model keeps
 * answering; new versions arrive when it is back).
 */
@Readiness
@ApplicationScoped
public class ModelReadiness implements HealthCheck {
    @Inject
    ModelHolder holder;
    @Inject
    GrpcBinding grpc;

    @Override
    public HealthCheckResponse call() {
        ServingModel m = holder.current();
        HealthCheckResponseBuilder r = HealthCheckResponse.named("model").withData("grpcListening", grpc.bound());
        if (m == null) {
            return r.down().withData("reason", "no model version loaded yet").build();
        }
        r.withData("version", m.version().id()).withData("type", m.version().modelType()).withData("items", m.numItems())
                .withData("coldStartItems", m.coldStartItems()).withData("routing", holder.routing().describe())
                .withData("retrieval", holder.routing().describeRetrieval());
        return grpc.bound() ? r.up().build() : r.down().withData("reason", "the gRPC server is not listening").build();
    }
}
