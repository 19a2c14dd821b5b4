package io.h2rec.serving.health;

import io.h2rec.domain.model.ServingModel;
import io.h2rec.serving.model.ModelHolder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only once a model version is loaded and warmed. */
@Readiness
@ApplicationScoped
public class ModelReadiness implements HealthCheck {
    @Inject
    ModelHolder holder;

    @Override
    public HealthCheckResponse call() {
        ServingModel m = holder.current();
        if (m == null) {
            return HealthCheckResponse.named("model").down().withData("reason", "no model version loaded yet").build();
        }
        return HealthCheckResponse.named("model").up().withData("version", m.version().id())
                .withData("type", m.version().modelType()).withData("items", m.numItems())
                .withData("coldStartItems", m.coldStartItems()).build();
    }
}
