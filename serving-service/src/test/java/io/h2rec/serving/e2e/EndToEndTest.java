package io.h2rec.serving.e2e;

import io.h2rec.proto.serving.v1.RankRequest;
import io.h2rec.proto.serving.v1.RankResponse;
import io.h2rec.proto.serving.v1.RankingServiceGrpc;
import io.h2rec.proto.serving.v1.ScoredItem;
import io.h2rec.serving.model.ModelHolder;
import io.h2rec.adapter.in.security.Roles;
import io.h2rec.serving.security.RankerCredentials;
import io.h2rec.testing.EmbeddedPostgresResource;
import io.h2rec.testing.TestTokens;
import io.quarkus.grpc.RegisterClientInterceptor;
import io.h2rec.testing.SyntheticData;
import io.h2rec.testing.TempDirs;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * quantize -> train (tiny) -> activate -> rank -> a cold-start item through the quantizer's API,
 * ranked and explained by serving, across the three services: the quantizer and
 * training services run from their built jars as separate processes, serving is this test's
 * application; all three share one PostgreSQL. Run from the root reactor (mvn verify), which
 * packages the other two services before this module's tests.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
@QuarkusTestResource(TestTokens.Keys.class)
@QuarkusTestResource(io.h2rec.serving.FreeGrpcPort.class)
class EndToEndTest {
    /** Everything the walk-through does, as one caller holding the roles it needs (issue 18). */
    static final String BEARER = TestTokens.bearer(Roles.VIEWER, Roles.EXPERIMENTER, Roles.OPERATOR);
    static final List<Process> PROCESSES = new ArrayList<>();

    @GrpcClient("ranking")
    @RegisterClientInterceptor(RankerCredentials.class)
    RankingServiceGrpc.RankingServiceBlockingStub stub;
    @Inject
    ModelHolder holder;

    @AfterAll
    static void stop() throws InterruptedException {
        for (Process p : PROCESSES) {
            p.destroy();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    @Test
    void quantizeTrainActivateRank() throws Exception {
        Path work = TempDirs.create("e2e");
        Path dataset = SyntheticData.write(work.resolve("data"), 200, 60, 4, 9);
        int quantizer = freePort();
        int training = freePort();
        start("quantizer-service", work, Map.of("H2REC_QUANTIZER_PORT", String.valueOf(quantizer)));
        start("training-service", work, Map.of("H2REC_TRAINING_PORT", String.valueOf(training)));
        awaitLive(quantizer);
        awaitLive(training);

        // 60 toy items in 3 topics give fewer distinct (L=2, K=8) tuples than the default degenerate floor.
        int job = api(quantizer).body(Map.of("dataset", dataset.toString(), "levels", 2, "codebookSize", 8,
                        "minDistinctFraction", 0.2))
                .post("/api/v1/quantizations").then().statusCode(202).extract().path("id");
        await(() -> api(quantizer).get("/api/v1/quantizations/" + job).then().extract().<String>path("state"),
                "SUCCEEDED", 180);
        int codebook = api(quantizer).get("/api/v1/quantizations/" + job).then().extract().path("codebookId");

        // The quantization job registered the dataset in the shared database already: the create is idempotent,
        // 200 with the same record (201 only for a new one).
        int ds = api(training).body(Map.of("location", dataset.toString())).post("/api/v1/datasets").then()
                .statusCode(200).extract().path("id");
        int experiment = api(training).body(Map.of("name", "e2e-h2rec", "datasetId", ds, "codebookId", codebook,
                        "model", "h2rec", "params", Map.of("epochs", "2", "hidden", "16", "max_len", "10", "batch", "64"),
                        "seeds", List.of(42)))
                .post("/api/v1/experiments").then().statusCode(201).extract().path("id");
        int run = api(training).body(Map.of()).post("/api/v1/experiments/" + experiment + "/runs").then()
                .statusCode(202).extract().path("[0].id");
        await(() -> api(training).get("/api/v1/runs/" + run).then().extract().<String>path("status"),
                "SUCCEEDED", 600);
        List<Map<String, Object>> models = api(training).get("/api/v1/models").then().extract().jsonPath()
                .getList("$");
        Object version = models.stream().filter(m -> ((Number) m.get("runId")).intValue() == run).findFirst()
                .orElseThrow().get("id");
        api(training).post("/api/v1/models/" + version + "/activate").then().statusCode(200);

        holder.refresh(); // serving polls on its own; the test does not wait for the interval
        RankResponse r = stub.rank(RankRequest.newBuilder().setK(5).addHistory("item3").addHistory("item7").build());
        assertEquals(String.valueOf(version), r.getModelVersion());
        assertEquals(5, r.getItemsCount());

        // Cold start (issue 22): the quantizer codes a new item; serving ranks it without retraining, pushed to it
        // by the overlay's notification (polling is hourly in tests and nothing here refreshes), and explains it.
        List<Integer> codes = api(quantizer).body(Map.of("item", "fresh-item", "fields", Map.of("title",
                        "red blue thing 3", "categories", "Topic 0"))).post("/api/v1/codebooks/" + codebook + "/items")
                .then().statusCode(201).extract().path("codes");
        RankRequest cold = RankRequest.newBuilder().setK(2).addHistory("item3").addHistory("item7")
                .addCandidates("fresh-item").addCandidates("item5").setExplain(true).build();
        await(() -> stub.rank(cold).getUnknownItemsList().isEmpty() ? "ranked" : "unknown", "ranked", 30);
        RankResponse explained = stub.rank(cold);
        assertEquals(2, explained.getItemsCount());
        ScoredItem fresh = explained.getItemsList().stream().filter(s -> s.getItemId().equals("fresh-item")).findFirst()
                .orElseThrow();
        assertEquals(codes, fresh.getExplanation().getSemanticIdList(), "the quantizer's codes, as serving explains them");
        assertEquals(0f, fresh.getExplanation().getHashIdPart(), "a new item has no hash-ID row");
        assertEquals(fresh.getScore(), fresh.getExplanation().getSemanticIdPart(),
                1e-5 * Math.max(1, Math.abs(fresh.getScore())));
        assertEquals(List.of("hash_id", "semantic_id"), explained.getScorePartsList());
    }

    private static RequestSpecification api(int port) {
        return given().port(port).contentType(ContentType.JSON).header("Authorization", BEARER);
    }

    private static void start(String service, Path work, Map<String, String> env) throws IOException {
        File jar = new File("../" + service + "/target/quarkus-app/quarkus-run.jar");
        if (!jar.isFile()) {
            fail(jar.getAbsolutePath() + " is missing: run the tests from the root (mvn verify) so it is built first");
        }
        ProcessBuilder pb = new ProcessBuilder(System.getProperty("java.home") + "/bin/java", "-jar",
                jar.getAbsolutePath()).redirectErrorStream(true).redirectOutput(work.resolve(service + ".log").toFile());
        pb.environment().putAll(env);
        pb.environment().put("H2REC_HOME", work.toString());
        pb.environment().put("H2REC_JWT_PUBLIC_KEY", TestTokens.publicKey().toString());
        pb.environment().put("H2REC_DATA_ROOTS", work.toString());
        pb.environment().put("H2REC_DB_URL", ConfigProvider.getConfig().getValue("h2rec.db.url", String.class));
        pb.environment().put("H2REC_DB_USER", ConfigProvider.getConfig().getValue("h2rec.db.user", String.class));
        pb.environment().put("H2REC_DB_PASSWORD", ConfigProvider.getConfig().getValue("h2rec.db.password", String.class));
        PROCESSES.add(pb.start());
    }

    private static void awaitLive(int port) throws InterruptedException {
        await(() -> {
            try {
                return given().port(port).get("/q/health/live").statusCode() == 200 ? "UP" : "DOWN";
            } catch (Exception e) { // connection refused until it listens
                return "DOWN";
            }
        }, "UP", 120);
    }

    private interface Probe {
        String state();
    }

    private static String await(Probe probe, String wanted, int seconds) throws InterruptedException {
        String last = null;
        for (int i = 0; i < seconds * 4; i++) {
            last = probe.state();
            if (wanted.equals(last)) {
                return last;
            }
            if ("FAILED".equals(last) || "CANCELLED".equals(last)) {
                fail("ended " + last + " instead of " + wanted);
            }
            Thread.sleep(250);
        }
        fail("still " + last + " after " + seconds + " s, wanted " + wanted);
        return null;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
