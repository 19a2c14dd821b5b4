package io.h2rec.serving.health;

import io.quarkus.grpc.runtime.GrpcServerRecorder;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Whether the gRPC server is listening. Quarkus logs "Unable to start the gRPC server" when its
 * port cannot be bound and starts anyway, leaving a service that answers nothing on gRPC while its
 * HTTP side looks healthy: here startup fails instead, naming the port.
 */
@ApplicationScoped
public class GrpcBinding {
    @ConfigProperty(name = "quarkus.grpc.server.port")
    int port;
    @ConfigProperty(name = "quarkus.grpc.server.test-port")
    int testPort;

    /** Runs before the service's other startup work (model loading, workers). */
    void onStart(@Observes @Priority(1) StartupEvent event) {
        if (!bound()) {
            int configured = LaunchMode.current() == LaunchMode.TEST ? testPort : port;
            throw new IllegalStateException("the gRPC server is not listening: port " + configured + " could not be bound "
                    + "(another process uses it? set H2REC_SERVING_GRPC_PORT)");
        }
    }

    /** True once the gRPC server has started on its port (Quarkus counts its started server verticles). */
    public boolean bound() {
        return GrpcServerRecorder.getVerticleCount() > 0;
    }
}
