package io.h2rec.serving.adapter.in.grpc;

import io.h2rec.adapter.out.inference.JavaInferenceEngine;
import io.h2rec.domain.model.ItemId;
import io.h2rec.domain.model.ModelVersion;
import io.h2rec.domain.model.ModelWeights;
import io.h2rec.domain.model.RankQuery;
import io.h2rec.domain.model.Ranking;
import io.h2rec.domain.model.ServingModel;
import io.h2rec.domain.model.TrafficSplit;
import io.h2rec.domain.service.RankItemsService;
import io.h2rec.proto.serving.v1.GetModelRequest;
import io.h2rec.proto.serving.v1.ModelInfo;
import io.h2rec.proto.serving.v1.RankRequest;
import io.h2rec.proto.serving.v1.RankResponse;
import io.h2rec.proto.serving.v1.RankingServiceGrpc;
import io.h2rec.serving.FreeGrpcPort;
import io.h2rec.serving.TestRegistry;
import io.h2rec.serving.model.ModelHolder;
import io.h2rec.serving.security.RankerCredentials;
import io.h2rec.testing.EmbeddedPostgresResource;
import io.h2rec.testing.ModelFixtures;
import io.h2rec.testing.TestTokens;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.grpc.RegisterClientInterceptor;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Candidate retrieval in serving with the threshold lowered to 300 items and 30 candidates per
 * ranking: a 400-item H2Rec is ranked through its HNSW index once built (exact until then), and
 * ranks (almost) every user as the exact scan does; a 200-item one stays exact. Both answer through
 * the real gRPC endpoint, registered in a real PostgreSQL.
 */
@QuarkusTest
@TestProfile(RetrievalTest.LowThreshold.class)
@QuarkusTestResource(EmbeddedPostgresResource.class)
@QuarkusTestResource(FreeGrpcPort.class)
@QuarkusTestResource(TestTokens.Keys.class)
class RetrievalTest {
    static final int LARGE = 400;
    static final int SMALL = 200;
    static final int USERS = 200;
    /** Share of the exact top-10 the served top-10 must hold, over all users (measured: see the assertion). */
    static final double MIN_RECALL = 0.95;

    public static class LowThreshold implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("h2rec.serving.retrieval.min-items", "300", "h2rec.serving.retrieval.candidates", "30");
        }
    }

    static ModelWeights largeWeights;
    static ModelWeights smallWeights;
    static ModelVersion large;
    static ModelVersion small;

    @GrpcClient("ranking")
    @RegisterClientInterceptor(RankerCredentials.class)
    RankingServiceGrpc.RankingServiceBlockingStub stub;
    @Inject
    ModelHolder holder;
    @Inject
    TestRegistry registry;

    @BeforeEach
    void models() {
        if (large == null) {
            largeWeights = ModelFixtures.h2rec(LARGE, 16, 10, 3, 31);
            smallWeights = ModelFixtures.h2rec(SMALL, 16, 10, 3, 32);
            TestRegistry.Fixture f = registry.fixture("retrieval-large", LARGE);
            large = registry.register(f, largeWeights, f.codebook());
            small = registry.register(registry.fixture("retrieval-small", SMALL), smallWeights, null);
        }
    }

    @AfterEach
    void noDeployment() {
        registry.deployments.deleteDeployment("default", "test");
        RankingGrpcTest.awaitServing(() -> holder.routing() == null || holder.routing().deployment() == null,
                "the deployment's removal", 30);
    }

    private ModelInfo serve(ModelVersion v, String state) {
        registry.versions.activate(v.id());
        holder.refresh();
        RankingGrpcTest.awaitServing(() -> model("").getModelVersion().equals(String.valueOf(v.id()))
                && model("").getIndexState().equals(state), "version " + v.id() + " " + state, 60);
        return model("");
    }

    private ModelInfo model(String alias) {
        return stub.getModel(GetModelRequest.newBuilder().setAlias(alias).build());
    }

    @Test
    void atTheThresholdRankingGoesThroughTheIndexAndMatchesTheExactScan() {
        ModelInfo info = serve(large, "ready");
        assertEquals("hnsw", info.getRetrieval());
        assertTrue(info.getIndexDetail().contains("30 candidates") && info.getIndexDetail().contains("over 400 items"),
                info.getIndexDetail());
        double recall = compareWithTheExactScan(large, largeWeights, LARGE);
        System.out.printf("retrieval in serving: recall@10 %.4f over %d users%n", recall, USERS);
        assertTrue(recall >= MIN_RECALL, "recall@10 " + recall + " below " + MIN_RECALL);
        // An explained ranking on this path: the same items, each split into parts that sum to its score.
        RankRequest.Builder explained = RankRequest.newBuilder().setK(10).addHistory("i5").addHistory("i77");
        RankResponse plain = stub.rank(explained.build());
        RankResponse why = stub.rank(explained.setExplain(true).build());
        assertEquals(plain.getItemsList().stream().map(i -> i.getItemId()).toList(),
                why.getItemsList().stream().map(i -> i.getItemId()).toList());
        assertEquals(List.of("hash_id", "semantic_id"), why.getScorePartsList());
        RankingGrpcTest.assertPartsSumToTheScore(why);

        String scrape = given().get("/q/metrics").then().statusCode(200).extract().asString();
        String series = "h2rec_serving_retrieval{path=\"hnsw\",state=\"ready\",version=\"" + large.id() + "\"} 1.0";
        assertTrue(scrape.contains(series), series + " missing from the scrape");
        String health = given().get("/q/health/ready").then().statusCode(200).extract().asString();
        assertTrue(health.contains("version " + large.id() + ": hnsw ready"), health);
    }

    @Test
    void belowTheThresholdTheExactPathRanks() {
        ModelInfo info = serve(small, "none");
        assertEquals("exact", info.getRetrieval());
        assertEquals("200 items, below h2rec.serving.retrieval.min-items=300", info.getIndexDetail());
        assertEquals(1.0, compareWithTheExactScan(small, smallWeights, SMALL), 0.0);
    }

    /** Aliases split between an indexed and an exact version: each answers on its own path, and a swap keeps both. */
    @Test
    void eachVersionOfASplitRanksOnItsOwnPath() {
        serve(small, "none");
        registry.deployments.setAlias("big", large.id(), "test");
        registry.deployments.setAlias("little", small.id(), "test");
        registry.deployments.setDeployment(TrafficSplit.of("default", Map.of("big", 50, "little", 50)), "test");
        RankingGrpcTest.awaitServing(() -> "default".equals(holder.routing().deployment())
                && model("big").getIndexState().equals("ready"), "the split with an indexed version", 60);
        assertEquals("exact", model("little").getRetrieval());
        assertEquals("hnsw", model("big").getRetrieval());
        for (int u = 0; u < 50; u++) {
            RankResponse r = stub.rank(RankRequest.newBuilder().setK(10).addHistory("i" + (1 + u)).setUserKey("u" + u).build());
            assertEquals(10, r.getItemsCount());
            assertEquals(r.getAlias().equals("big") ? String.valueOf(large.id()) : String.valueOf(small.id()),
                    r.getModelVersion());
        }
    }

    /**
     * USERS random histories (1-12 items, one more item excluded), k = 10, through gRPC and through an
     * exact scan of the same weights: the share of the exact top-10 served. Every served item must
     * have the exact scan's score, and none may be a history or excluded item.
     */
    private double compareWithTheExactScan(ModelVersion v, ModelWeights weights, int items) {
        ServingModel exact = new ServingModel(v, new JavaInferenceEngine().load(weights), ModelFixtures.items(items),
                new float[items + 1]);
        RankItemsService reference = new RankItemsService(() -> exact);
        SplittableRandom rnd = new SplittableRandom(17);
        int found = 0;
        for (int u = 0; u < USERS; u++) {
            List<String> history = new ArrayList<>();
            for (int h = 0, n = 1 + rnd.nextInt(12); h < n; h++) {
                history.add("i" + (1 + rnd.nextInt(items)));
            }
            String excluded = "i" + (1 + rnd.nextInt(items));
            RankResponse served = stub.rank(RankRequest.newBuilder().setK(10).addAllHistory(history)
                    .addExclude(excluded).build());
            Ranking expected = reference.rank(new RankQuery(history.stream().map(ItemId::of).toList(), 10, true,
                    List.of(), List.of(ItemId.of(excluded))));
            float[] scores = exact.model().scoreOne(history.stream().mapToInt(id -> exact.indexOf(ItemId.of(id))).toArray());
            assertEquals(10, served.getItemsCount());
            for (var item : served.getItemsList()) {
                assertFalse(history.contains(item.getItemId()) || item.getItemId().equals(excluded), item.getItemId());
                assertEquals(scores[exact.indexOf(ItemId.of(item.getItemId()))], item.getScore(), 1e-6f, item.getItemId());
                found += expected.items().stream().anyMatch(s -> s.item().value().equals(item.getItemId())) ? 1 : 0;
            }
        }
        return found / (10.0 * USERS);
    }
}
