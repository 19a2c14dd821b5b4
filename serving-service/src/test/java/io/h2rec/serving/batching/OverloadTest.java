package io.h2rec.serving.batching;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.h2rec.domain.model.ModelVersion;
import io.h2rec.proto.serving.v1.RankRequest;
import io.h2rec.proto.serving.v1.RankResponse;
import io.h2rec.proto.serving.v1.RankingServiceGrpc;
import io.h2rec.serving.FreeGrpcPort;
import io.h2rec.serving.TestRegistry;
import io.h2rec.serving.model.ModelHolder;
import io.h2rec.testing.EmbeddedPostgresResource;
import io.h2rec.testing.ModelFixtures;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Far more requests than one worker can score, all at once, against a queue of 4: the excess is
 * refused at once with RESOURCE_EXHAUSTED and a retry hint, and every admitted request is answered
 * with the same ranking it gets on an idle server. Nothing else happens to any of them.
 */
@QuarkusTest
@TestProfile(OverloadTest.OneSmallWorker.class)
@QuarkusTestResource(EmbeddedPostgresResource.class)
@QuarkusTestResource(FreeGrpcPort.class)
@QuarkusTestResource(io.h2rec.testing.TestTokens.Keys.class)
class OverloadTest {
    static final int ITEMS = 20_000;
    static final int REQUESTS = 400;

    public static class OneSmallWorker implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("h2rec.serving.workers", "1", "h2rec.serving.max-micro-batch", "1",
                    "h2rec.serving.admission.max-queue", "4", "h2rec.serving.admission.queue-time", "1ms",
                    "h2rec.serving.max-history-items", "100");
        }
    }

    @Inject
    TestRegistry registry;
    @Inject
    ModelHolder holder;

    @Test
    void overloadIsShedWithResourceExhaustedAndAdmittedRequestsAreAnswered() throws Exception {
        ModelVersion v = registry.register(registry.fixture("overload-fixture", ITEMS),
                ModelFixtures.h2rec(ITEMS, 64, 50, 2, 11), null);
        registry.versions.activate(v.id());
        holder.refresh();
        ManagedChannel channel = ManagedChannelBuilder.forAddress("localhost", FreeGrpcPort.port()).usePlaintext()
                .intercept(new io.h2rec.serving.security.RankerCredentials()).build();
        try {
            List<RankRequest> requests = new ArrayList<>();
            List<RankResponse> idle = new ArrayList<>();
            var blocking = RankingServiceGrpc.newBlockingStub(channel);
            for (int h = 0; h < 4; h++) {
                RankRequest.Builder r = RankRequest.newBuilder().setK(10);
                for (int i = 0; i < 50; i++) {
                    r.addHistory("i" + (1 + (h * 7919 + i * 104729) % ITEMS));
                }
                requests.add(r.build());
                idle.add(blocking.rank(r.build()));
            }
            Queue<String> wrong = new ConcurrentLinkedQueue<>();
            Queue<Long> pushbacks = new ConcurrentLinkedQueue<>();
            int[] answered = new int[1];
            CountDownLatch done = new CountDownLatch(REQUESTS);
            var async = RankingServiceGrpc.newStub(channel);
            for (int i = 0; i < REQUESTS; i++) {
                int h = i % requests.size();
                async.rank(requests.get(h), new StreamObserver<>() {
                    @Override
                    public void onNext(RankResponse value) {
                        if (!sameRanking(value, idle.get(h))) {
                            wrong.add("request " + h + " answered differently under load");
                        }
                        synchronized (answered) {
                            answered[0]++;
                        }
                    }

                    @Override
                    public void onError(Throwable t) {
                        Status s = Status.fromThrowable(t);
                        String hint = Status.trailersFromThrowable(t) == null ? null
                                : Status.trailersFromThrowable(t).get(io.grpc.Metadata.Key.of("grpc-retry-pushback-ms",
                                io.grpc.Metadata.ASCII_STRING_MARSHALLER));
                        if (s.getCode() != Status.Code.RESOURCE_EXHAUSTED || hint == null
                                || !s.getDescription().contains("at capacity")) {
                            wrong.add("unexpected " + s + " (pushback " + hint + ")");
                        } else {
                            pushbacks.add(Long.parseLong(hint));
                        }
                        done.countDown();
                    }

                    @Override
                    public void onCompleted() {
                        done.countDown();
                    }
                });
            }
            assertTrue(done.await(120, TimeUnit.SECONDS), "not every request was answered");
            assertEquals(List.of(), List.copyOf(wrong));
            assertTrue(answered[0] > 0, "nothing was admitted");
            assertTrue(!pushbacks.isEmpty(), "nothing was shed: " + answered[0] + " of " + REQUESTS + " answered");
            assertEquals(REQUESTS, answered[0] + pushbacks.size());
            assertTrue(pushbacks.stream().allMatch(ms -> ms >= 1), "retry hints " + pushbacks);
        } finally {
            channel.shutdownNow();
        }
    }

    /** Same items in the same order, scores equal to float rounding (compiled and interpreted SIMD sum in other orders). */
    private static boolean sameRanking(RankResponse a, RankResponse b) {
        if (a.getItemsCount() != b.getItemsCount()) {
            return false;
        }
        for (int i = 0; i < a.getItemsCount(); i++) {
            var x = a.getItems(i);
            var y = b.getItems(i);
            if (!x.getItemId().equals(y.getItemId()) || Math.abs(x.getScore() - y.getScore()) > 1e-5f * Math.max(1f,
                    Math.abs(y.getScore()))) {
                return false;
            }
        }
        return a.getModelVersion().equals(b.getModelVersion()) && a.getHistoryUsed() == b.getHistoryUsed();
    }
}
