package io.h2rec.serving.adapter.in.grpc;

import grpc.health.v1.HealthGrpc;
import grpc.health.v1.HealthOuterClass.HealthCheckRequest;
import grpc.health.v1.HealthOuterClass.HealthCheckResponse;
import grpc.health.v1.HealthOuterClass.HealthCheckResponse.ServingStatus;
import grpc.reflection.v1alpha.Reflection.ServerReflectionRequest;
import grpc.reflection.v1alpha.Reflection.ServerReflectionResponse;
import grpc.reflection.v1alpha.ServerReflectionGrpc;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import io.h2rec.domain.model.ModelVersion;
import io.h2rec.proto.serving.v1.RankRequest;
import io.h2rec.proto.serving.v1.RankingServiceGrpc;
import io.h2rec.serving.FreeGrpcPort;
import io.h2rec.serving.TestRegistry;
import io.h2rec.serving.model.ModelHolder;
import io.h2rec.testing.EmbeddedPostgresResource;
import io.h2rec.testing.ModelFixtures;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static io.h2rec.serving.adapter.in.grpc.RankingGrpcTest.assertStatus;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a client meets below the API: bad bytes and headers, the health and reflection services, metrics. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
@QuarkusTestResource(FreeGrpcPort.class)
@QuarkusTestResource(io.h2rec.testing.TestTokens.Keys.class)
class GrpcTransportTest {
    static ModelVersion served;

    @Inject
    ModelHolder holder;
    @Inject
    TestRegistry registry;

    ManagedChannel channel;

    @BeforeEach
    void serve() {
        if (served == null) {
            served = registry.register(registry.fixture("transport-fixture", 20), ModelFixtures.sasrec(20, 8, 6, 5), null);
        }
        registry.versions.activate(served.id());
        holder.refresh();
        channel = ManagedChannelBuilder.forAddress("localhost", FreeGrpcPort.port()).usePlaintext()
                .intercept(new io.h2rec.serving.security.RankerCredentials()).build();
    }

    @AfterEach
    void close() {
        channel.shutdownNow();
    }

    private RankingServiceGrpc.RankingServiceBlockingStub stub() {
        return RankingServiceGrpc.newBlockingStub(channel);
    }

    private static RankRequest ok() {
        return RankRequest.newBuilder().setK(3).addHistory("i1").build();
    }

    /** Bytes that are no RankRequest (a varint cut short) are the client's error, answered as such. */
    @Test
    void malformedRequestBytesAreInvalidArgument() {
        MethodDescriptor<byte[], byte[]> raw = MethodDescriptor.<byte[], byte[]>newBuilder()
                .setType(MethodDescriptor.MethodType.UNARY).setFullMethodName(RankingServiceGrpc.getRankMethod()
                        .getFullMethodName()).setRequestMarshaller(BYTES).setResponseMarshaller(BYTES).build();
        for (byte[] bad : new byte[][] {{0x08, (byte) 0x80}, {0x12, 0x05, 'a'}, {(byte) 0xff, (byte) 0xff}}) {
            assertStatus(Status.Code.INVALID_ARGUMENT, "not a valid h2rec.serving.v1.RankingService/Rank request",
                    () -> ClientCalls.blockingUnaryCall(channel, raw, io.grpc.CallOptions.DEFAULT, bad));
        }
        assertEquals(3, stub().rank(ok()).getItemsCount());
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("h2rec_serving_rejections_total{reason=\"invalid_bytes\"} 3.0"));
    }

    /**
     * Headers up to the configured 16 KiB are read; a larger block fails its own call only, and the
     * channel's other calls go on (the default 8 KiB limit closed the whole connection at 10 KiB).
     */
    @Test
    void headersHaveADeliberateLimitAndABadOneFailsOnlyItsCall() {
        assertEquals(3, stub().withInterceptors(header(12 << 10)).rank(ok()).getItemsCount());
        assertTrue(assertThrowsStatus(() -> stub().withInterceptors(header(18 << 10)).rank(ok())));
        assertEquals(3, stub().rank(ok()).getItemsCount());
    }

    @Test
    void healthAnswersKnownNamesAndNotFoundForOthers() {
        var health = HealthGrpc.newBlockingStub(channel);
        assertEquals(ServingStatus.SERVING, health.check(HealthCheckRequest.newBuilder()
                .setService(HealthService.SERVICE).build()).getStatus());
        assertEquals(ServingStatus.SERVING, health.check(HealthCheckRequest.getDefaultInstance()).getStatus());
        assertStatus(Status.Code.NOT_FOUND, "unknown service 'no.such.Service'",
                () -> health.check(HealthCheckRequest.newBuilder().setService("no.such.Service").build()));
        HealthCheckResponse watched = health.watch(HealthCheckRequest.newBuilder().setService("no.such.Service").build())
                .next();
        assertEquals(HealthService.SERVICE_UNKNOWN, watched.getStatusValue());
        given().get("/q/health/ready").then().statusCode(200).body(containsString("\"grpcListening\": true"));
    }

    @Test
    void reflectionListsTheRankingService() throws Exception {
        BlockingQueue<ServerReflectionResponse> answers = new LinkedBlockingQueue<>();
        StreamObserver<ServerReflectionRequest> requests = ServerReflectionGrpc.newStub(channel)
                .serverReflectionInfo(new StreamObserver<>() {
                    @Override
                    public void onNext(ServerReflectionResponse value) {
                        answers.add(value);
                    }

                    @Override
                    public void onError(Throwable t) {
                    }

                    @Override
                    public void onCompleted() {
                    }
                });
        requests.onNext(ServerReflectionRequest.newBuilder().setListServices("*").build());
        ServerReflectionResponse listed = answers.poll(10, TimeUnit.SECONDS);
        requests.onCompleted();
        assertTrue(listed != null && listed.getListServicesResponse().getServiceList().stream()
                .anyMatch(s -> s.getName().equals(RankingServiceGrpc.SERVICE_NAME)), String.valueOf(listed));
    }

    /** Every meter docs/serving.md lists is scraped at /q/metrics. */
    @Test
    void metricsAreScrapedInPrometheusFormat() {
        stub().rank(ok());
        String scrape = given().get("/q/metrics").then().statusCode(200).extract().asString();
        for (String series : new String[] {"h2rec_serving_rank_latency_seconds_bucket", "h2rec_serving_queue_depth",
                "h2rec_serving_queue_limit", "h2rec_serving_batch_size_bucket", "h2rec_serving_capacity",
                "h2rec_serving_rejections_total{reason=\"queue_full\"}", "h2rec_serving_model_version " + served.id()}) {
            assertTrue(scrape.contains(series), series + " missing from the scrape");
        }
    }

    private static boolean assertThrowsStatus(Runnable call) {
        try {
            call.run();
            return false;
        } catch (io.grpc.StatusRuntimeException e) {
            return true;
        }
    }

    private static io.grpc.ClientInterceptor header(int bytes) {
        Metadata m = new Metadata();
        m.put(Metadata.Key.of("x-padding", Metadata.ASCII_STRING_MARSHALLER), "p".repeat(bytes));
        return MetadataUtils.newAttachHeadersInterceptor(m);
    }

    private static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };
}
