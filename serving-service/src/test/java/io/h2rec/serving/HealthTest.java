package io.h2rec.serving;

import grpc.health.v1.HealthGrpc;
import grpc.health.v1.HealthOuterClass.HealthCheckRequest;
import grpc.health.v1.HealthOuterClass.HealthCheckResponse.ServingStatus;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.h2rec.serving.adapter.in.grpc.HealthService;
import io.h2rec.serving.model.ModelHolder;
import io.h2rec.testing.EmbeddedPostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * A service started against an empty registry: live, not ready (HTTP and gRPC health agree; the
 * gRPC server itself is up and listening).
 * Its own profile gives it its own application and database, whatever other tests activated.
 */
@QuarkusTest
@TestProfile(HealthTest.EmptyRegistry.class)
@QuarkusTestResource(EmbeddedPostgresResource.class)
@QuarkusTestResource(io.h2rec.testing.TestTokens.Keys.class)
@QuarkusTestResource(FreeGrpcPort.class)
class HealthTest {
    public static class EmptyRegistry implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("h2rec.serving.poll-interval", "100ms");
        }
    }

    @Inject
    ModelHolder holder;

    @Test
    void liveButNotReadyWithoutAModel() throws Exception {
        Thread.sleep(300); // a few polls of the (empty) registry
        assertNull(holder.current());
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/health/ready").then().statusCode(503)
                .body("checks.data.reason", hasItem("no model version loaded yet"))
                .body("checks.data.grpcListening", hasItem(true));
        ManagedChannel channel = ManagedChannelBuilder.forAddress("localhost", FreeGrpcPort.port()).usePlaintext().build();
        try {
            var health = HealthGrpc.newBlockingStub(channel);
            assertEquals(ServingStatus.NOT_SERVING, health.check(HealthCheckRequest.newBuilder()
                    .setService(HealthService.SERVICE).build()).getStatus());
        } finally {
            channel.shutdownNow();
        }
    }
}
