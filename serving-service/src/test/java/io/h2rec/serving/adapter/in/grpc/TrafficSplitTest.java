package io.h2rec.serving.adapter.in.grpc;

import io.grpc.Status;
import io.h2rec.adapter.out.inference.JavaInferenceEngine;
import io.h2rec.domain.model.ModelVersion;
import io.h2rec.domain.model.ModelWeights;
import io.h2rec.domain.model.TrafficSplit;
import io.h2rec.proto.serving.v1.GetModelRequest;
import io.h2rec.proto.serving.v1.ModelInfo;
import io.h2rec.proto.serving.v1.RankBatchRequest;
import io.h2rec.proto.serving.v1.RankRequest;
import io.h2rec.proto.serving.v1.RankResponse;
import io.h2rec.proto.serving.v1.RankingServiceGrpc;
import io.h2rec.serving.FreeGrpcPort;
import io.h2rec.serving.TestRegistry;
import io.h2rec.serving.model.ModelHolder;
import io.h2rec.serving.model.Routing;
import io.h2rec.serving.security.RankerCredentials;
import io.h2rec.testing.EmbeddedPostgresResource;
import io.h2rec.testing.ModelFixtures;
import io.h2rec.testing.TestTokens;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.grpc.RegisterClientInterceptor;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static io.h2rec.serving.adapter.in.grpc.RankingGrpcTest.assertStatus;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Aliases and a deployment's traffic split through the real gRPC endpoint, the registry in a real
 * PostgreSQL: sticky routes per user key, the alias override, per-variant metrics, and an alias moved
 * under load. Polling is hourly in tests: every change reaches serving through its notification.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
@QuarkusTestResource(FreeGrpcPort.class)
@QuarkusTestResource(TestTokens.Keys.class)
class TrafficSplitTest {
    static final int ITEMS = 30;
    static ModelWeights sasrecWeights;
    static ModelVersion sasrec;
    static ModelVersion h2rec;
    static ModelVersion retrained;
    static TestRegistry.Fixture fixture;

    @GrpcClient("ranking")
    @RegisterClientInterceptor(RankerCredentials.class)
    RankingServiceGrpc.RankingServiceBlockingStub stub;
    @Inject
    ModelHolder holder;
    @Inject
    TestRegistry registry;

    @BeforeEach
    void models() {
        if (sasrec == null) {
            fixture = registry.fixture("split-fixture", ITEMS);
            sasrecWeights = ModelFixtures.sasrec(ITEMS, 8, 6, 11);
            sasrec = registry.register(fixture, sasrecWeights, null);
            h2rec = registry.register(fixture, ModelFixtures.h2rec(ITEMS, 8, 6, 2, 4), fixture.codebook());
            retrained = registry.register(fixture, ModelFixtures.sasrec(ITEMS, 8, 6, 12), null);
        }
        registry.versions.activate(sasrec.id());
        holder.refresh();
    }

    /** Other tests of this application serve the active version: the deployment goes with the test. */
    @AfterEach
    void back() {
        registry.deployments.deleteDeployment("default", "test");
        awaitServing(() -> holder.routing().deployment() == null, "the deployment's removal");
    }

    private void split(Map<String, Integer> weights) {
        registry.deployments.setDeployment(TrafficSplit.of("default", weights), "test");
    }

    private static RankRequest.Builder request(String userKey) {
        return RankRequest.newBuilder().setK(5).addHistory("i3").addHistory("i7").setUserKey(userKey);
    }

    @Test
    void withoutADeploymentTheActiveVersionAnswersAsActive() {
        RankResponse r = stub.rank(request("someone").build());
        assertEquals("active", r.getAlias());
        assertEquals(String.valueOf(sasrec.id()), r.getModelVersion());
        assertEquals("active", stub.rank(request("someone").setAlias("active").build()).getAlias());
        assertStatus(Status.Code.INVALID_ARGUMENT, "not routed here", () -> stub.rank(request("x").setAlias("champion").build()));
        ModelInfo info = stub.getModel(GetModelRequest.getDefaultInstance());
        assertEquals("active", info.getAlias());
        assertEquals("", info.getDeployment());
        assertEquals(0, info.getRoutesCount());
    }

    @Test
    void aSplitRoutesEachUserKeyToOneAliasAndAnswersWithItsVersion() {
        registry.deployments.setAlias("champion", sasrec.id(), "test");
        registry.deployments.setAlias("challenger", h2rec.id(), "test");
        split(Map.of("champion", 50, "challenger", 50));
        awaitServing(() -> "default".equals(holder.routing().deployment()), "the deployment");
        Map<String, String> versionOf = Map.of("champion", String.valueOf(sasrec.id()),
                "challenger", String.valueOf(h2rec.id()));

        Map<String, String> aliasOf = new HashMap<>();
        for (int u = 0; u < 200; u++) {
            RankResponse r = stub.rank(request("user-" + u).build());
            assertEquals(versionOf.get(r.getAlias()), r.getModelVersion(), r.getAlias());
            aliasOf.put("user-" + u, r.getAlias());
        }
        long champions = aliasOf.values().stream().filter("champion"::equals).count();
        assertTrue(champions > 50 && champions < 150, "champion answered " + champions + " of 200 users");
        // Sticky: each user again, single and batched, meets the same alias.
        RankBatchRequest.Builder batch = RankBatchRequest.newBuilder();
        for (int u = 0; u < 8; u++) {
            assertEquals(aliasOf.get("user-" + u), stub.rank(request("user-" + u).build()).getAlias());
            batch.addRequests(request("user-" + u));
        }
        var answers = stub.rankBatch(batch.build());
        for (int u = 0; u < 8; u++) {
            assertEquals(aliasOf.get("user-" + u), answers.getResponses(u).getAlias());
        }
        // The alias answers with its model's ranking.
        String someChampion = aliasOf.entrySet().stream().filter(e -> e.getValue().equals("champion")).findFirst()
                .orElseThrow().getKey();
        float[] offline = new JavaInferenceEngine().load(sasrecWeights).scoreOne(new int[] {3, 7});
        RankResponse r = stub.rank(request(someChampion).build());
        assertEquals(offline[Integer.parseInt(r.getItems(0).getItemId().substring(1))], r.getItems(0).getScore(), 1e-5);

        // The override wins over the split; weight 0 takes no traffic but answers when named.
        assertEquals("challenger", stub.rank(request(someChampion).setAlias("challenger").build()).getAlias());
        split(Map.of("champion", 1, "challenger", 0));
        awaitServing(() -> holder.routing().variants().stream().anyMatch(v -> v.weight() == 0), "the new weights");
        for (int u = 0; u < 50; u++) {
            assertEquals("champion", stub.rank(request("user-" + u).build()).getAlias());
        }
        assertEquals(String.valueOf(h2rec.id()), stub.rank(request("u").setAlias("challenger").build()).getModelVersion());
        assertStatus(Status.Code.INVALID_ARGUMENT, "not routed here", () -> stub.rank(request("u").setAlias("ghost").build()));
        assertStatus(Status.Code.INVALID_ARGUMENT, "user_key has 257", () -> stub.rank(request("u".repeat(257)).build()));

        ModelInfo info = stub.getModel(GetModelRequest.newBuilder().setAlias("challenger").build());
        assertEquals("challenger", info.getAlias());
        assertEquals(String.valueOf(h2rec.id()), info.getModelVersion());
        assertEquals("default", info.getDeployment());
        assertEquals(List.of("challenger", "champion"), info.getRoutesList().stream().map(x -> x.getAlias()).toList());
        assertEquals("champion", stub.getModel(GetModelRequest.getDefaultInstance()).getAlias());

        // Per-variant meters: requests, latency, fallbacks, by alias and version.
        String scrape = scrape();
        for (String series : new String[] {
                "h2rec_serving_variant_requests_total{alias=\"challenger\",version=\"" + h2rec.id() + "\"}",
                "h2rec_serving_variant_latency_seconds_count{alias=\"champion\",version=\"" + sasrec.id() + "\"}",
                "h2rec_serving_variant_fallbacks_total{alias=\"champion\",version=\"" + sasrec.id() + "\"}",
                "h2rec_serving_loaded_versions 2.0", "h2rec_serving_routing_behind 0.0"}) {
            assertTrue(scrape.contains(series), series + " missing from the scrape");
        }
    }

    /**
     * The challenger alias moves to a retrained version while four clients keep ranking: no request
     * fails, each answer's version is its alias's (before or after the move), and the new version answers.
     */
    @Test
    void anAliasMovedUnderLoadLosesNoRequest() throws Exception {
        registry.deployments.setAlias("champion", sasrec.id(), "test");
        registry.deployments.setAlias("challenger", h2rec.id(), "test");
        split(Map.of("champion", 50, "challenger", 50));
        awaitServing(() -> "default".equals(holder.routing().deployment()), "the deployment");
        Set<String> seen = ConcurrentHashMap.newKeySet();
        AtomicInteger answered = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        AtomicInteger afterMove = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<Future<?>> work = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            int client = c;
            work.add(clients.submit(() -> {
                for (int i = 0; !stop.get(); i++) {
                    try {
                        RankResponse r = stub.rank(request("client-" + client + "-user-" + i % 97).build());
                        seen.add(r.getAlias() + "=" + r.getModelVersion());
                        answered.incrementAndGet();
                        if (r.getModelVersion().equals(String.valueOf(retrained.id()))) {
                            afterMove.incrementAndGet();
                        }
                    } catch (RuntimeException e) {
                        failures.incrementAndGet();
                    }
                }
            }));
        }
        awaitServing(() -> answered.get() >= 100, "100 answers before the move");
        registry.deployments.setAlias("challenger", retrained.id(), "test");
        awaitServing(() -> afterMove.get() >= 100, "100 answers of the moved alias");
        stop.set(true);
        for (Future<?> f : work) {
            f.get(60, TimeUnit.SECONDS);
        }
        clients.shutdown();
        assertEquals(0, failures.get(), "requests lost while the alias moved");
        assertEquals(Set.of("champion=" + sasrec.id(), "challenger=" + h2rec.id(), "challenger=" + retrained.id()), seen);
        Routing now = holder.routing();
        assertEquals(retrained.id(), now.variants().get(0).model().version().id());
        // The version no alias points at any more is no longer held: two models, not three.
        assertTrue(scrape().contains("h2rec_serving_loaded_versions 2.0"));
    }

    /**
     * Memory is bounded: a split that would need more than max-loaded-versions (4) models at once, old
     * ones included, is not applied; the previous routing keeps answering and the gauge says so.
     */
    @Test
    void aChangeNeedingTooManyModelsIsNotAppliedAndTheGaugeSaysSo() {
        registry.deployments.setAlias("champion", sasrec.id(), "test");
        registry.deployments.setAlias("challenger", h2rec.id(), "test");
        split(Map.of("champion", 50, "challenger", 50));
        awaitServing(() -> "default".equals(holder.routing().deployment()), "the deployment");
        Map<String, Integer> four = new HashMap<>();
        for (int i = 0; i < 4; i++) {
            ModelVersion v = registry.register(fixture, ModelFixtures.sasrec(ITEMS, 8, 6, 20 + i), null);
            registry.deployments.setAlias("extra-" + i, v.id(), "test");
            four.put("extra-" + i, 1);
        }
        split(four);   // 2 loaded + 4 new > 4
        awaitServing(() -> scrape().contains("h2rec_serving_routing_behind 1.0"), "the refusal");
        assertEquals(Set.of("champion", "challenger"), Set.copyOf(holder.routing().variants().stream()
                .map(Routing.Variant::alias).toList()));
        assertTrue(Set.of("champion", "challenger").contains(stub.rank(request("u").build()).getAlias()));
        // A change within the bound goes through: back to the active version, which is loaded.
        registry.deployments.deleteDeployment("default", "test");
        awaitServing(() -> holder.routing().deployment() == null && scrape().contains("h2rec_serving_routing_behind 0.0"),
                "the active version");
    }

    private static String scrape() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** The bound: an alias change reaches serving within 1 s of its commit (tagged timing: not in verify). */
    @Tag("timing")
    @Test
    void anAliasChangeReachesServingWithinASecond() {
        registry.deployments.setAlias("champion", sasrec.id(), "test");
        split(Map.of("champion", 1));
        awaitServing(() -> "default".equals(holder.routing().deployment()), "the deployment");
        registry.deployments.setAlias("champion", retrained.id(), "test");
        RankingGrpcTest.awaitServing(() -> holder.current().version().id() == retrained.id(), "the moved alias", 1);
    }

    /** Waits for the condition (30 s: a guard against a hang, not a bound being tested). */
    private static void awaitServing(BooleanSupplier done, String what) {
        RankingGrpcTest.awaitServing(done, what, 30);
    }
}
