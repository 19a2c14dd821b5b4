package io.h2rec.quantizer.adapter.in.rest;

import io.h2rec.adapter.in.security.Roles;
import io.h2rec.testing.TestTokens;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import io.h2rec.testing.EmbeddedPostgresResource;
import io.h2rec.testing.SyntheticData;
import io.h2rec.testing.TempDirs;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The quantizer API over real HTTP, with the real ONNX encoder and PostgreSQL. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
@QuarkusTestResource(TestTokens.Keys.class)
class QuantizerApiTest {
    static Path dataset;

    @BeforeAll
    static void data() throws Exception {
        dataset = SyntheticData.write(TempDirs.create("quantizer-api"), 200, 60, 4, 3);
    }

    /** Every call here carries a token of the roles the walk-through needs (TestTokens; issue 18). */
    static RequestSpecification given() {
        return RestAssured.given().header("Authorization", TestTokens.bearer(Roles.VIEWER, Roles.OPERATOR));
    }

    static ValidatableResponse awaitJob(int id) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            String state = given().get("/api/v1/quantizations/" + id).then().statusCode(200).extract().path("state");
            if (!state.equals("QUEUED") && !state.equals("RUNNING")) {
                return given().get("/api/v1/quantizations/" + id).then();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("job " + id + " did not finish");
    }

    @Test
    void quantizeThenLookUpAndAssignAColdStartItem() throws Exception {
        int job = given().contentType(ContentType.JSON)
                .body(Map.of("dataset", dataset.toString(), "quantizer", "rqkmeans", "levels", 2, "codebookSize", 8))
                .post("/api/v1/quantizations").then().statusCode(202)
                // The worker may pick the job up before the answer is written: either state is accepted.
                .body("state", anyOf(equalTo("QUEUED"), equalTo("RUNNING")))
                .extract().path("id");
        int codebook = awaitJob(job).body("state", equalTo("SUCCEEDED")).extract().path("codebookId");

        given().get("/api/v1/codebooks/" + codebook).then().statusCode(200)
                .body("quantizer", equalTo("rqkmeans")).body("levels", equalTo(2)).body("items", equalTo(60))
                .body("encoderId", equalTo("all-minilm-l6-v2-q")).body("utilisation", hasSize(2));
        List<Integer> codes = given().get("/api/v1/codebooks/" + codebook + "/items/item3").then().statusCode(200)
                .extract().path("codes");
        assertEquals(2, codes.size());

        // Cold start: a new item whose text copies item3's (SyntheticData: topic 0 "red", word 3*7%10 "blue")
        // gets item3's codes.
        String title = "red blue thing 3";
        List<Integer> assigned = given().contentType(ContentType.JSON)
                .body(Map.of("item", "brand-new", "fields", Map.of("title", title, "categories", "Topic 0",
                        "brand", "Brand0")))
                .post("/api/v1/codebooks/" + codebook + "/items").then().statusCode(201).extract().path("codes");
        assertEquals(codes, assigned);
        given().get("/api/v1/codebooks/" + codebook + "/items/brand-new").then().statusCode(200);
        // Twice is a conflict of identity, reported as bad input.
        given().contentType(ContentType.JSON).body(Map.of("item", "brand-new", "fields", Map.of("title", "x")))
                .post("/api/v1/codebooks/" + codebook + "/items").then().statusCode(400)
                .body("detail", containsString("already has a semantic ID"));
        // Empty text.
        given().contentType(ContentType.JSON).body(Map.of("item", "blank", "fields", Map.of("title", " ")))
                .post("/api/v1/codebooks/" + codebook + "/items").then().statusCode(400)
                .body("detail", containsString("no text"));
        // The item lives in the version's overlay: an operator removes it; committed codes stay.
        given().delete("/api/v1/codebooks/" + codebook + "/items/brand-new").then().statusCode(200)
                .body("removed", equalTo(true));
        given().get("/api/v1/codebooks/" + codebook + "/items/brand-new").then().statusCode(404);
        given().delete("/api/v1/codebooks/" + codebook + "/items/item3").then().statusCode(404)
                .body("detail", containsString("committed codes cannot be removed"));
        given().get("/api/v1/codebooks/" + codebook + "/items/item3").then().statusCode(200);
        // Bounded before any work: no more 9 MB descriptions.
        given().contentType(ContentType.JSON).body(Map.of("item", "huge", "fields", Map.of("description",
                        "x".repeat(10_001)))).post("/api/v1/codebooks/" + codebook + "/items").then().statusCode(400)
                .body("detail", containsString("at most 10000")).body("field", equalTo("fields.description"));
        given().contentType(ContentType.JSON).body(Map.of("item", "i".repeat(201), "fields", Map.of("title", "t")))
                .post("/api/v1/codebooks/" + codebook + "/items").then().statusCode(400).body("field", equalTo("item"));
        // An id with a space is an item like any other: its Location is escaped and leads back to it (it once
        // committed the item and then answered 500); '/' cannot name a path segment, a blank path item is a 400.
        var created = given().contentType(ContentType.JSON).body(Map.of("item", "new sku", "fields",
                Map.of("title", title))).post("/api/v1/codebooks/" + codebook + "/items").then().statusCode(201)
                .extract();
        String location = created.header("Location");
        assertTrue(location.endsWith("/api/v1/codebooks/" + codebook + "/items/new%20sku"), location);
        List<Integer> skuCodes = created.path("codes");
        given().urlEncodingEnabled(false).get("/api/v1/codebooks/" + codebook + "/items/new%20sku").then()
                .statusCode(200).body("item", equalTo("new sku")).body("codes", equalTo(skuCodes));
        given().contentType(ContentType.JSON).body(Map.of("item", "a/b", "fields", Map.of("title", "t")))
                .post("/api/v1/codebooks/" + codebook + "/items").then().statusCode(400).body("field", equalTo("item"));
        given().urlEncodingEnabled(false).get("/api/v1/codebooks/" + codebook + "/items/%20").then().statusCode(400)
                .body("field", equalTo("item"));
        given().urlEncodingEnabled(false).delete("/api/v1/codebooks/" + codebook + "/items/%20").then()
                .statusCode(400).body("field", equalTo("item"));
        // Finished jobs cannot be cancelled.
        given().delete("/api/v1/quantizations/" + job).then().statusCode(200).body("cancelled", equalTo(false));
        assertTrue(given().get("/api/v1/codebooks").then().statusCode(200).extract().jsonPath().getList("id")
                .contains(codebook));
    }

    @Test
    void badInputGetsAClearStatusAndTheServiceStaysUp() {
        post(Map.of("datasetId", 9999)).statusCode(400).body("detail", containsString("unknown dataset"));
        post(Map.of("dataset", "/no/such/place")).statusCode(400).body("detail", containsString("data roots"))
                .body("field", equalTo("dataset"));
        post(Map.of("dataset", dataset.toString(), "levels", 0)).statusCode(400).body("detail", containsString("levels"));
        post(Map.of("dataset", dataset.toString(), "codebookSize", 100000)).statusCode(400)
                .body("detail", containsString("codebook size"));
        post(Map.of("dataset", dataset.toString(), "quantizer", "vq")).statusCode(400)
                .body("detail", containsString("unknown quantizer"));
        post(Map.of("dataset", dataset.toString(), "levls", 2)).statusCode(400);
        post(Map.of()).statusCode(400).body("detail", containsString("exactly one"));
        given().get("/api/v1/codebooks/424242").then().statusCode(404);
        given().get("/api/v1/quantizations/424242").then().statusCode(404);
        given().delete("/api/v1/quantizations/424242").then().statusCode(404);
        given().contentType(ContentType.JSON).body(Map.of("item", "x", "fields", Map.of("title", "t")))
                .post("/api/v1/codebooks/424242/items").then().statusCode(404);
        given().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void aFailedJobSaysWhyAndWritesNothing() throws Exception {
        int before = given().get("/api/v1/codebooks").then().extract().jsonPath().getList("id").size();
        // PQ needs L to divide the 384-d embedding: 5 does not.
        int job = post(Map.of("dataset", dataset.toString(), "quantizer", "pq", "levels", 5, "codebookSize", 4))
                .statusCode(202).extract().path("id");
        awaitJob(job).body("state", equalTo("FAILED")).body("error", containsString("L must divide"));
        assertEquals(before, given().get("/api/v1/codebooks").then().extract().jsonPath().getList("id").size());
    }

    @Test
    void rqVaeAndPqGoThroughTheSamePath() throws Exception {
        for (Map<String, Object> body : List.<Map<String, Object>>of(
                // 60 toy items in 3 topics give ~20 distinct tuples: below the default degenerate floor.
                Map.of("dataset", dataset.toString(), "quantizer", "rqvae", "levels", 2, "codebookSize", 8,
                        "options", Map.of("epochs", "20", "code_dim", "16"), "minDistinctFraction", 0.2),
                Map.of("dataset", dataset.toString(), "quantizer", "pq", "levels", 2, "codebookSize", 8,
                        "minDistinctFraction", 0.2))) {
            int job = post(body).statusCode(202).extract().path("id");
            int codebook = awaitJob(job).body("state", equalTo("SUCCEEDED")).extract().path("codebookId");
            given().get("/api/v1/codebooks/" + codebook).then().statusCode(200)
                    .body("quantizer", equalTo(body.get("quantizer"))).body("levels", equalTo(2))
                    .body("items", equalTo(60)).body("utilisation", hasSize(2));
        }
    }

    @Test
    void aJobCancelledWhileRunningLeavesNoRows() throws Exception {
        int before = given().get("/api/v1/codebooks").then().extract().jsonPath().getList("id").size();
        // An RQ-VAE schedule far longer than the test: it is cancelled mid-training.
        int job = post(Map.of("dataset", dataset.toString(), "quantizer", "rqvae", "levels", 2, "codebookSize", 8,
                "options", Map.of("epochs", "10000"))).statusCode(202).extract().path("id");
        for (int i = 0; i < 600; i++) {
            String stage = given().get("/api/v1/quantizations/" + job).then().extract().path("stage");
            if (stage != null && stage.contains("epoch")) {
                break;
            }
            Thread.sleep(100);
        }
        given().get("/api/v1/quantizations/" + job).then().body("state", equalTo("RUNNING"));
        given().delete("/api/v1/quantizations/" + job).then().statusCode(200).body("cancelled", equalTo(true));
        awaitJob(job).body("state", equalTo("CANCELLED")).body("codebookId", org.hamcrest.Matchers.nullValue());
        assertEquals(before, given().get("/api/v1/codebooks").then().extract().jsonPath().getList("id").size());
    }

    private static ValidatableResponse post(Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).post("/api/v1/quantizations").then();
    }
}
