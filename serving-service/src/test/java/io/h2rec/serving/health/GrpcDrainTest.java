package io.h2rec.serving.health;

import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.h2rec.domain.model.ModelVersion;
import io.h2rec.proto.serving.v1.RankRequest;
import io.h2rec.proto.serving.v1.RankResponse;
import io.h2rec.proto.serving.v1.RankingServiceGrpc;
import io.h2rec.serving.FreeGrpcPort;
import io.h2rec.serving.TestRegistry;
import io.h2rec.serving.model.ModelHolder;
import io.h2rec.serving.security.RankerCredentials;
import io.h2rec.serving.security.ShutdownGate;
import io.h2rec.testing.EmbeddedPostgresResource;
import io.h2rec.testing.ModelFixtures;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.ObserverMethod;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The drain at shutdown (GrpcDrain): it finds Quarkus' gRPC server (a Quarkus upgrade that hides it fails here,
 * not silently in production), and once it runs, new calls are refused UNAVAILABLE — never INTERNAL — while a
 * call the server had already taken is still answered. Its own profile: the drained server is not shared.
 */
@QuarkusTest
@TestProfile(GrpcDrainTest.OwnServer.class)
@QuarkusTestResource(EmbeddedPostgresResource.class)
@QuarkusTestResource(FreeGrpcPort.class)
@QuarkusTestResource(io.h2rec.testing.TestTokens.Keys.class)
class GrpcDrainTest {
    /** An application of its own, whose drain waits for the taken call however slow the machine. */
    public static class OwnServer implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("h2rec.serving.drain-timeout", "60s");
        }
    }

    @Inject
    GrpcDrain drain;
    @Inject
    ModelHolder holder;
    @Inject
    TestRegistry registry;
    @Inject
    ShutdownGate gate;
    @Inject
    BeanManager beans;

    /** At shutdown: first the drain (beans all working), then the front door closes, then everything else. */
    @Test
    void theDrainIsTheFirstShutdownStepAndTheFrontDoorClosesNext() {
        Map<Class<?>, Integer> priorities = new HashMap<>();
        int others = Integer.MAX_VALUE;
        for (ObserverMethod<? super ShutdownEvent> o : beans.resolveObserverMethods(new ShutdownEvent())) {
            if (o.getBeanClass() == GrpcDrain.class || o.getBeanClass() == ShutdownGate.class) {
                priorities.put(o.getBeanClass(), o.getPriority());
            } else if (o.getBeanClass().getName().startsWith("io.h2rec.")) { // ModelHolder, MicroBatcher's, ...
                others = Math.min(others, o.getPriority());
            }
        }
        assertTrue(priorities.get(GrpcDrain.class) < priorities.get(ShutdownGate.class), priorities.toString());
        assertTrue(priorities.get(ShutdownGate.class) < others, priorities + ", others from " + others);
    }

    private static RankRequest request() {
        return RankRequest.newBuilder().setK(3).addHistory("i1").build();
    }

    @Test
    void newCallsAreRefusedUnavailableAndTakenCallsAreAnswered() throws Exception {
        ModelVersion served = registry.register(registry.fixture("drain-fixture", 20), ModelFixtures.sasrec(20, 8, 6, 5), null);
        registry.versions.activate(served.id());
        holder.refresh();
        List<Server> servers = drain.servers();
        assertEquals(1, servers.size(), "the gRPC server is found");
        assertEquals(FreeGrpcPort.port(), servers.get(0).getPort());

        ManagedChannel channel = ManagedChannelBuilder.forAddress("localhost", FreeGrpcPort.port()).usePlaintext()
                .intercept(new RankerCredentials()).build();
        try {
            RankingServiceGrpc.RankingServiceBlockingStub stub = RankingServiceGrpc.newBlockingStub(channel);
            assertEquals(3, stub.rank(request()).getItemsCount());

            // A call the server has taken (its headers are in) but whose request has not been sent yet.
            CompletableFuture<Status> taken = new CompletableFuture<>();
            ClientCall<RankRequest, RankResponse> open = channel.newCall(RankingServiceGrpc.getRankMethod(),
                    CallOptions.DEFAULT.withDeadlineAfter(60, TimeUnit.SECONDS));
            open.start(new ClientCall.Listener<>() {
                @Override
                public void onClose(Status status, Metadata trailers) {
                    taken.complete(status);
                }
            }, new Metadata());
            open.request(1);
            assertEquals(3, stub.rank(request()).getItemsCount(), "the open call's stream precedes this answer");

            CompletableFuture<Integer> drained = CompletableFuture.supplyAsync(drain::drain);
            assertFalse(gate.closed(), "the front door stays open while the server drains: taken calls are served");

            // New calls, on this connection or a new one, are refused by the transport: UNAVAILABLE, never INTERNAL.
            StatusRuntimeException refused = null;
            for (int attempt = 0; attempt < 500 && refused == null; attempt++) {
                try {
                    stub.rank(request());
                    Thread.sleep(10);
                } catch (StatusRuntimeException e) {
                    refused = e;
                }
            }
            assertNotEquals(null, refused, "new calls are refused once the drain has begun");
            assertEquals(Status.Code.UNAVAILABLE, refused.getStatus().getCode(), refused.getStatus().toString());

            // The drain waits for the taken call; it is still answered, and the drain ends with it.
            assertFalse(drained.isDone(), "the drain waits for the call it has taken");
            open.sendMessage(request());
            open.halfClose();
            assertEquals(Status.Code.OK, taken.get(30, TimeUnit.SECONDS).getCode());
            assertEquals(1, drained.get(30, TimeUnit.SECONDS));
            assertTrue(servers.get(0).isTerminated());

            ManagedChannel fresh = ManagedChannelBuilder.forAddress("localhost", FreeGrpcPort.port()).usePlaintext()
                    .intercept(new RankerCredentials()).build();
            try {
                StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                        () -> RankingServiceGrpc.newBlockingStub(fresh).rank(request()));
                assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode());
            } finally {
                fresh.shutdownNow();
            }
        } finally {
            channel.shutdownNow();
        }
    }
}
