package io.h2rec.serving.security;

import io.grpc.BindableService;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.MethodDescriptor;
import io.grpc.ServerMethodDefinition;
import io.grpc.Status;
import io.h2rec.adapter.in.security.Roles;
import io.h2rec.testing.EmbeddedPostgresResource;
import io.h2rec.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every gRPC method of the serving service refuses callers without the right role: no token or a
 * forged one UNAUTHENTICATED, a wrong role PERMISSION_DENIED, an allowed role the method's own
 * answer. Health stays open; reflection needs a token (issue 18).
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
@QuarkusTestResource(TestTokens.Keys.class)
class ServingAuthTest {
    static final String RANKING = "h2rec.serving.v1.RankingService/";
    /** The matrix: every method of every service this server offers (health and reflection aside). */
    static final Map<String, Set<String>> MATRIX = Map.of(
            RANKING + "Rank", Set.of(Roles.RANKER),
            RANKING + "RankBatch", Set.of(Roles.RANKER),
            RANKING + "GetModel", Set.of(Roles.RANKER, Roles.VIEWER));

    @Inject
    @Any
    Instance<BindableService> services;

    ManagedChannel channel;

    @BeforeEach
    void connect() {
        int port = ConfigProvider.getConfig().getValue("quarkus.grpc.server.test-port", Integer.class);
        channel = ManagedChannelBuilder.forAddress("localhost", port).usePlaintext().build();
    }

    @AfterEach
    void disconnect() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void theMatrixListsEveryMethodTheServerOffersAndTheInterceptorAgrees() {
        Map<String, MethodDescriptor.MethodType> offered = offered();
        assertEquals(new TreeMap<>(MATRIX).keySet(), new TreeMap<>(offered).keySet(),
                "every gRPC method needs a row here and in GrpcAuthInterceptor.ROLES");
        assertEquals(MATRIX, GrpcAuthInterceptor.ROLES);
    }

    @Test
    void everyMethodAnswersOnlyTheRolesThatMayCallIt() throws Exception {
        for (Map.Entry<String, MethodDescriptor.MethodType> m : offered().entrySet()) {
            String method = m.getKey();
            MethodDescriptor.MethodType type = m.getValue();
            assertEquals(Status.Code.UNAUTHENTICATED, GrpcCalls.call(channel, method, type, null), method);
            assertEquals(Status.Code.UNAUTHENTICATED, GrpcCalls.call(channel, method, type, "Bearer "
                    + TestTokens.forged(Roles.RANKER)), method + " forged");
            assertEquals(Status.Code.UNAUTHENTICATED, GrpcCalls.call(channel, method, type, "Basic cmFua2VyOng="),
                    method + " not a bearer token");
            List<String> wrong = new ArrayList<>(Roles.ALL);
            wrong.removeAll(MATRIX.get(method));
            for (String role : wrong) {
                assertEquals(Status.Code.PERMISSION_DENIED, GrpcCalls.call(channel, method, type,
                        TestTokens.bearer(role)), method + " as " + role);
            }
            for (String role : MATRIX.get(method)) {
                Status.Code code = GrpcCalls.call(channel, method, type, TestTokens.bearer(role));
                assertTrue(Set.of(Status.Code.OK, Status.Code.INVALID_ARGUMENT, Status.Code.UNAVAILABLE).contains(code),
                        method + " as " + role + " answered " + code);
            }
        }
    }

    @Test
    void healthIsOpenAndReflectionNeedsAToken() throws Exception {
        given().get("/q/health/live").then().statusCode(200);
        assertEquals(Status.Code.OK, GrpcCalls.call(channel, "grpc.health.v1.Health/Check",
                MethodDescriptor.MethodType.UNARY, null));
        String reflection = "grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo";
        assertEquals(Status.Code.UNAUTHENTICATED, GrpcCalls.call(channel, reflection,
                MethodDescriptor.MethodType.BIDI_STREAMING, null));
        assertNotEquals(Status.Code.UNAUTHENTICATED, GrpcCalls.call(channel, reflection,
                MethodDescriptor.MethodType.BIDI_STREAMING, TestTokens.bearer(Roles.RANKER)));
    }

    /** Methods of the services this application binds, by full name (health and reflection are not ours). */
    private Map<String, MethodDescriptor.MethodType> offered() {
        Map<String, MethodDescriptor.MethodType> out = new TreeMap<>();
        for (BindableService s : services) {
            for (ServerMethodDefinition<?, ?> d : s.bindService().getMethods()) {
                String name = d.getMethodDescriptor().getFullMethodName();
                if (!name.startsWith("grpc.health.") && !name.startsWith("grpc.reflection.")) {
                    out.put(name, d.getMethodDescriptor().getType());
                }
            }
        }
        return out;
    }
}
