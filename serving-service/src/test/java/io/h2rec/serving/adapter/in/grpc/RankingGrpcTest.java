package io.h2rec.serving.adapter.in.grpc;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.h2rec.adapter.out.inference.JavaInferenceEngine;
import io.h2rec.domain.model.ItemId;
import io.h2rec.domain.model.ModelVersion;
import io.h2rec.domain.model.ModelWeights;
import io.h2rec.domain.model.SemanticId;
import io.h2rec.domain.port.out.RankingModel;
import io.h2rec.proto.serving.v1.GetModelRequest;
import io.h2rec.proto.serving.v1.ItemExplanation;
import io.h2rec.proto.serving.v1.ModelInfo;
import io.h2rec.proto.serving.v1.RankBatchRequest;
import io.h2rec.proto.serving.v1.RankRequest;
import io.h2rec.proto.serving.v1.RankResponse;
import io.h2rec.proto.serving.v1.RankingServiceGrpc;
import io.h2rec.proto.serving.v1.ScoredItem;
import io.h2rec.serving.FreeGrpcPort;
import io.h2rec.serving.TestRegistry;
import io.h2rec.serving.model.ModelHolder;
import io.h2rec.testing.EmbeddedPostgresResource;
import io.h2rec.testing.ModelFixtures;
import io.h2rec.serving.security.RankerCredentials;
import io.h2rec.testing.TestTokens;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.grpc.RegisterClientInterceptor;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real gRPC endpoint over loopback, models from artifacts registered in a real PostgreSQL. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
@QuarkusTestResource(FreeGrpcPort.class)
@QuarkusTestResource(TestTokens.Keys.class)
class RankingGrpcTest {
    static final int ITEMS = 40;
    static ModelWeights sasrecWeights;
    static ModelWeights h2recWeights;
    static ModelVersion sasrec;
    static ModelVersion h2rec;
    static long codebook;

    @GrpcClient("ranking")
    @RegisterClientInterceptor(RankerCredentials.class)
    RankingServiceGrpc.RankingServiceBlockingStub stub;
    @Inject
    ModelHolder holder;
    @Inject
    TestRegistry registry;

    @BeforeEach
    void models() {
        if (sasrec != null) {
            return;
        }
        TestRegistry.Fixture f = registry.fixture("serving-fixture", ITEMS);
        codebook = f.codebook();
        sasrecWeights = ModelFixtures.sasrec(ITEMS, 8, 6, 3);
        h2recWeights = ModelFixtures.h2rec(ITEMS, 8, 6, 2, 4);
        sasrec = registry.register(f, sasrecWeights, null);
        h2rec = registry.register(f, h2recWeights, codebook);
    }

    private void serve(ModelVersion v) {
        registry.versions.activate(v.id());
        holder.refresh();
        assertEquals(v.id(), holder.current().version().id());
    }

    private static RankRequest.Builder request(int k, String... history) {
        return RankRequest.newBuilder().setK(k).addAllHistory(List.of(history));
    }

    @Test
    void rankingMatchesTheOfflineScorer() {
        serve(h2rec);
        RankResponse r = stub.rank(request(10, "i3", "i7", "i2").build());
        float[] expected = new JavaInferenceEngine().load(h2recWeights).scoreOne(new int[] {3, 7, 2});
        assertEquals(String.valueOf(h2rec.id()), r.getModelVersion());
        assertEquals(10, r.getItemsCount());
        assertEquals(3, r.getHistoryUsed());
        assertFalse(r.getPopularityFallback());
        BitSet history = new BitSet();
        history.set(2);
        history.set(3);
        history.set(7);
        int[] top = io.h2rec.domain.evaluation.TopK.select(expected, 10, null, history);
        for (int i = 0; i < 10; i++) {
            assertEquals("i" + top[i], r.getItems(i).getItemId());
            assertEquals(expected[top[i]], r.getItems(i).getScore(), 1e-5);
        }
        // Keep the history in the ranking when asked.
        RankResponse keep = stub.rank(request(ITEMS, "i3").setExcludeHistory(false).build());
        assertTrue(keep.getItemsList().stream().anyMatch(s -> s.getItemId().equals("i3")));
    }

    /** The bound for every returned item: |hash part + semantic part - score| <= 1e-5 max(1, |score|). */
    static void assertPartsSumToTheScore(RankResponse r) {
        for (ScoredItem s : r.getItemsList()) {
            ItemExplanation e = s.getExplanation();
            double sum = (e.hasHashIdPart() ? e.getHashIdPart() : 0.0) + (e.hasSemanticIdPart() ? e.getSemanticIdPart() : 0.0);
            assertTrue(Math.abs(sum - s.getScore()) <= 1e-5 * Math.max(1, Math.abs(s.getScore())),
                    s.getItemId() + ": parts " + e + " vs score " + s.getScore());
        }
    }

    @Test
    void anExplainedRankingSplitsEachScoreAndNamesTheNearestHistoryItems() {
        serve(h2rec);
        List<String> history = List.of("i3", "i7", "i2", "i13");
        RankResponse plain = stub.rank(request(10, history.toArray(String[]::new)).build());
        RankResponse r = stub.rank(request(10, history.toArray(String[]::new)).setExplain(true).build());
        assertEquals(plain.getItemsList().stream().map(ScoredItem::getItemId).toList(),
                r.getItemsList().stream().map(ScoredItem::getItemId).toList(), "explaining changes no ranking");
        assertFalse(plain.getItems(0).hasExplanation());
        assertEquals(0, plain.getGateWeightsCount());
        assertEquals(List.of("hash_id", "semantic_id"), r.getScorePartsList());
        assertEquals(2, r.getGateWeightsCount());
        assertEquals(1.0, r.getGateWeights(0) + r.getGateWeights(1), 1e-6);
        assertPartsSumToTheScore(r);
        float[] codes = h2recWeights.array(io.h2rec.domain.model.WeightNames.SID_CODES).values();
        for (ScoredItem s : r.getItemsList()) {
            ItemExplanation e = s.getExplanation();
            int item = Integer.parseInt(s.getItemId().substring(1));
            assertEquals(List.of((int) codes[item * 2], (int) codes[item * 2 + 1]), e.getSemanticIdList());
            // The named items share exactly that prefix; no history item shares more.
            int longest = 0;
            for (String h : history) {
                int hi = Integer.parseInt(h.substring(1));
                int shared = codes[hi * 2] != codes[item * 2] ? 0 : codes[hi * 2 + 1] != codes[item * 2 + 1] ? 1 : 2;
                longest = Math.max(longest, shared);
                assertEquals(shared == e.getSharedPrefixLength() && shared > 0, e.getSharedPrefixItemsList().contains(h),
                        s.getItemId() + " and " + h);
            }
            assertEquals(longest, e.getSharedPrefixLength(), s.getItemId());
        }
        // SASRec: the score is all hash-ID part; no gate, no semantic IDs.
        serve(sasrec);
        RankResponse single = stub.rank(request(5, "i3", "i7").setExplain(true).build());
        assertEquals(List.of("hash_id"), single.getScorePartsList());
        assertEquals(0, single.getGateWeightsCount());
        assertPartsSumToTheScore(single);
        single.getItemsList().forEach(s -> {
            assertTrue(s.getExplanation().hasHashIdPart());
            assertFalse(s.getExplanation().hasSemanticIdPart());
            assertEquals(0, s.getExplanation().getSemanticIdCount());
        });
        // Nothing to explain without a history: the popularity fallback says so and carries no parts.
        RankResponse fallback = stub.rank(request(3).setExplain(true).build());
        assertTrue(fallback.getPopularityFallback());
        assertEquals(0, fallback.getScorePartsCount());
        assertFalse(fallback.getItems(0).hasExplanation());
    }

    @Test
    void unknownIdsEmptyHistoriesCandidatesAndBatches() {
        serve(sasrec);
        RankResponse r = stub.rank(request(5, "i1", "nope", "i2").build());
        assertEquals(List.of("nope"), r.getUnknownItemsList());
        assertEquals(2, r.getHistoryUsed());
        RankResponse cold = stub.rank(request(3).build());
        assertTrue(cold.getPopularityFallback());
        assertEquals(List.of("i1", "i2", "i3"), cold.getItemsList().stream().map(s -> s.getItemId()).toList());
        RankResponse only = stub.rank(request(5, "i4").addAllCandidates(List.of("i9", "i10", "ghost")).build());
        assertEquals(Set.of("i9", "i10"), Set.copyOf(only.getItemsList().stream().map(s -> s.getItemId()).toList()));
        assertEquals(List.of("ghost"), only.getUnknownItemsList());
        RankResponse excluded = stub.rank(request(ITEMS, "i4").addExclude("i5").build());
        assertTrue(excluded.getItemsList().stream().noneMatch(s -> s.getItemId().equals("i5")));
        // Truncation: a history longer than T=6 is read from its 6 most recent items.
        RankResponse longer = stub.rank(request(3, "i1", "i2", "i3", "i4", "i5", "i6", "i7", "i8").build());
        assertEquals(6, longer.getHistoryUsed());
        var batch = stub.rankBatch(RankBatchRequest.newBuilder().addRequests(request(2, "i1"))
                .addRequests(request(3)).build());
        assertEquals(2, batch.getResponsesCount());
        assertEquals(3, batch.getResponses(1).getItemsCount());
        ModelInfo info = stub.getModel(GetModelRequest.getDefaultInstance());
        assertEquals("sasrec", info.getModelType());
        assertEquals(ITEMS, info.getNumItems());
        assertEquals(sasrec.checksum(), info.getChecksum());
        assertEquals("serving-fixture", info.getProvenance().getDatasetName());
    }

    @Test
    void badInputIsInvalidArgumentAndTheServerStaysUp() {
        serve(sasrec);
        assertStatus(Status.Code.INVALID_ARGUMENT, "k must be", () -> stub.rank(request(0, "i1").build()));
        assertStatus(Status.Code.INVALID_ARGUMENT, "k must be", () -> stub.rank(request(51, "i1").build()));
        List<String> tooLong = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            tooLong.add("i1");
        }
        assertStatus(Status.Code.INVALID_ARGUMENT, "at most 100",
                () -> stub.rank(RankRequest.newBuilder().setK(1).addAllHistory(tooLong).build()));
        assertStatus(Status.Code.INVALID_ARGUMENT, "empty item id", () -> stub.rank(request(1, "i1", " ").build()));
        RankBatchRequest.Builder big = RankBatchRequest.newBuilder();
        for (int i = 0; i < 9; i++) {
            big.addRequests(request(1, "i1"));
        }
        assertStatus(Status.Code.INVALID_ARGUMENT, "batch holds", () -> stub.rankBatch(big.build()));
        assertStatus(Status.Code.INVALID_ARGUMENT, "requests[1]",
                () -> stub.rankBatch(RankBatchRequest.newBuilder().addRequests(request(1, "i1"))
                        .addRequests(request(-3)).build()));
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            many.add("i" + (1 + i % ITEMS));
        }
        assertStatus(Status.Code.INVALID_ARGUMENT, "at most 100",
                () -> stub.rank(request(1, "i1").addAllCandidates(many).build()));
        assertStatus(Status.Code.INVALID_ARGUMENT, "at most 100",
                () -> stub.rank(request(1, "i1").addAllExclude(many).build()));
        // Past the transport's 4 MiB limit gRPC itself refuses the message (RESOURCE_EXHAUSTED), before any parsing.
        assertStatus(Status.Code.RESOURCE_EXHAUSTED, "exceeds maximum",
                () -> stub.rank(request(1, "x".repeat(5 << 20)).build()));
        assertStatus(Status.Code.DEADLINE_EXCEEDED, "deadline",
                () -> stub.withDeadlineAfter(1, TimeUnit.NANOSECONDS).rank(request(1, "i1").build()));
        assertEquals(1, stub.rank(request(1, "i1").build()).getItemsCount());
    }

    @Test
    void hotSwapUnderConcurrentRequestsLosesNone() throws Exception {
        serve(sasrec);
        ExecutorService clients = Executors.newFixedThreadPool(4);
        Set<String> versionsSeen = ConcurrentHashMap.newKeySet();
        AtomicInteger failures = new AtomicInteger();
        List<Future<?>> work = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            work.add(clients.submit(() -> {
                for (int i = 0; i < 150; i++) {
                    try {
                        versionsSeen.add(stub.rank(request(5, "i" + (1 + i % ITEMS), "i2").build()).getModelVersion());
                    } catch (RuntimeException e) {
                        failures.incrementAndGet();
                    }
                }
            }));
        }
        Thread.sleep(100);
        serve(h2rec);
        for (Future<?> f : work) {
            f.get(60, TimeUnit.SECONDS);
        }
        clients.shutdown();
        assertEquals(0, failures.get(), "requests lost during the swap");
        assertTrue(versionsSeen.contains(String.valueOf(h2rec.id())), "versions seen " + versionsSeen);
    }

    @Test
    void aColdStartItemIsRankedThroughTheSidBranch() {
        serve(h2rec);
        SemanticId codes = new SemanticId(new int[] {1, 3});
        int before = holder.current().coldStartItems();
        registry.codebooks.addColdStartItem(codebook, ItemId.of("brand-new"), Map.of("title", "new"), codes);
        // No refresh here and polling is hourly in tests: the insert's notification brings it.
        awaitServing(() -> holder.current().coldStartItems() == before + 1, "the new item", 30);
        RankResponse r = stub.rank(request(2, "i3", "i7").addAllCandidates(List.of("brand-new", "i5")).build());
        RankingModel offline = new JavaInferenceEngine().load(h2recWeights).withColdStartItems(List.of(codes));
        float expected = offline.scoreOne(new int[] {3, 7})[ITEMS + 1];
        var item = r.getItemsList().stream().filter(s -> s.getItemId().equals("brand-new")).findFirst().orElseThrow();
        assertEquals(expected, item.getScore(), 1e-5);
        // Explained, it is all semantic-ID part, and i13 (codes [1, 3]) is its nearest history item.
        RankResponse why = stub.rank(request(2, "i13", "i7").addAllCandidates(List.of("brand-new", "i5"))
                .setExplain(true).build());
        assertPartsSumToTheScore(why);
        ItemExplanation e = why.getItemsList().stream().filter(s -> s.getItemId().equals("brand-new")).findFirst()
                .orElseThrow().getExplanation();
        assertEquals(0f, e.getHashIdPart());
        assertEquals(List.of(1, 3), e.getSemanticIdList());
        assertEquals(2, e.getSharedPrefixLength());
        assertEquals(List.of("i13"), e.getSharedPrefixItemsList());
        // A history may contain the new item too.
        assertEquals(1, stub.rank(request(1, "brand-new").build()).getHistoryUsed());
        // An operator removes it from the overlay: the removal is pushed too, and serving no longer knows the item.
        assertTrue(registry.codebooks.removeColdStartItem(codebook, ItemId.of("brand-new")));
        awaitServing(() -> holder.current().coldStartItems() == before, "the removal", 30);
        assertEquals(List.of("brand-new"), stub.rank(request(1, "brand-new", "i3").build()).getUnknownItemsList());
    }

    /**
     * Activation is pushed: polling is hourly in tests and nothing here calls refresh, so the new
     * version can only arrive through the notification. (30 s is a guard against a hang, not the
     * bound: the 1 s bound is the timing-tagged test below.)
     */
    @Test
    void anActivationIsPushedToServing() {
        serve(sasrec);
        registry.versions.activate(h2rec.id());
        awaitServing(() -> holder.current().version().id() == h2rec.id(), "model version " + h2rec.id(), 30);
        assertEquals(String.valueOf(h2rec.id()), stub.rank(request(3, "i1").build()).getModelVersion());
    }

    /** The bound: an activation reaches serving within 1 s of its commit (milliseconds here). */
    @Tag("timing")
    @Test
    void anActivationReachesServingWithinASecond() {
        serve(sasrec);
        registry.versions.activate(h2rec.id());
        awaitServing(() -> holder.current().version().id() == h2rec.id(), "model version " + h2rec.id(), 1);
    }

    /** Waits up to {@code seconds} for the condition. */
    static void awaitServing(java.util.function.BooleanSupplier done, String what, int seconds) {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (!done.getAsBoolean()) {
            assertTrue(System.nanoTime() < end, what + " did not reach serving within " + seconds + " s");
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    /** The call fails with this code and a description that says {@code message}. */
    static StatusRuntimeException assertStatus(Status.Code code, String message, Runnable call) {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, call::run);
        assertEquals(code, e.getStatus().getCode(), e.getStatus().toString());
        String description = e.getStatus().getDescription();
        assertTrue(description != null && description.contains(message), "expected '" + message + "' in " + description);
        return e;
    }
}
