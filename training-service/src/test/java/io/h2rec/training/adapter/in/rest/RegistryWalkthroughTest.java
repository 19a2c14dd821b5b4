package io.h2rec.training.adapter.in.rest;

import io.h2rec.adapter.in.security.Roles;
import io.h2rec.testing.EmbeddedPostgresResource;
import io.h2rec.testing.TestTokens;
import io.h2rec.testing.SyntheticData;
import io.h2rec.testing.TempDirs;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The experiment registry over real HTTP: register -> run -> progress -> SUCCEEDED -> metrics, model version. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
@QuarkusTestResource(TestTokens.Keys.class)
class RegistryWalkthroughTest {

    /** The walk-through registers and runs as an experimenter who also reads (issue 18). */
    static RequestSpecification given() {
        return RestAssured.given().header("Authorization", TestTokens.bearer(Roles.VIEWER, Roles.EXPERIMENTER));
    }

    static int registerDataset(Path dir) {
        return given().contentType(ContentType.JSON).body(Map.of("location", dir.toString()))
                .post("/api/v1/datasets").then().statusCode(201).body("users", greaterThan(0)).extract().path("id");
    }

    static ValidatableResponse awaitRun(int runId) throws InterruptedException {
        for (int i = 0; i < 1200; i++) {
            String status = given().get("/api/v1/runs/" + runId).then().statusCode(200).extract().path("status");
            if (!status.equals("QUEUED") && !status.equals("RUNNING")) {
                return given().get("/api/v1/runs/" + runId).then();
            }
            Thread.sleep(250);
        }
        throw new AssertionError("run " + runId + " did not finish");
    }

    @Test
    void registerRunWatchAndReadTheResults() throws Exception {
        Path dir = SyntheticData.write(TempDirs.create("registry"), 200, 80, 4, 11);
        int dataset = registerDataset(dir);
        // Responses carry no absolute server path: the location (the interactions file read) is relative to its
        // data root.
        given().get("/api/v1/datasets/" + dataset).then().statusCode(200)
                .body("location", equalTo(dir.getFileName() + "/interactions.csv"));
        int experiment = given().contentType(ContentType.JSON).body(Map.of("name", "walkthrough-sasrec",
                        "datasetId", dataset, "model", "sasrec",
                        "params", Map.of("epochs", "3", "hidden", "16", "max_len", "10", "batch", "64"),
                        "seeds", List.of(42)))
                .post("/api/v1/experiments").then().statusCode(201).body("model", equalTo("sasrec"))
                .extract().path("id");
        int run = given().contentType(ContentType.JSON).body(Map.of())
                .post("/api/v1/experiments/" + experiment + "/runs").then().statusCode(202)
                .body("$", hasSize(1)).body("[0].status", equalTo("QUEUED")).extract().path("[0].id");

        awaitRun(run).body("status", equalTo("SUCCEEDED"))
                .body("progress.epoch", equalTo(3)).body("progress.bestEpoch", greaterThan(0))
                .body("progress.secondsPerEpoch", notNullValue())
                .body("provenance.model", equalTo("sasrec")).body("provenance.seed", equalTo(42))
                .body("provenance.device", containsString("CPU"))
                .body("provenance.config.hidden", equalTo("16"));
        List<Map<String, Object>> metrics = given().get("/api/v1/runs/" + run + "/metrics").then().statusCode(200)
                .extract().jsonPath().getList("$");
        assertTrue(metrics.size() > 100, "metrics: " + metrics.size());
        assertTrue(metrics.stream().anyMatch(m -> m.get("split").equals("TEST") && m.get("protocol").equals("FULL")
                && m.get("group").equals("tail") && m.get("metric").equals("NDCG") && m.get("k").equals(10)));
        // The learning curve: one point per epoch, each evaluated (eval_every 1), the best one the progress names.
        List<Map<String, Object>> epochs = given().get("/api/v1/runs/" + run + "/epochs").then().statusCode(200)
                .extract().jsonPath().getList("$");
        assertEquals(List.of(1, 2, 3), epochs.stream().map(e -> e.get("epoch")).toList());
        assertTrue(epochs.stream().allMatch(e -> e.get("validNdcg") instanceof Number && e.get("loss") instanceof Number), epochs.toString());
        // A client following the curve asks only for what is new.
        List<Map<String, Object>> after2 = given().get("/api/v1/runs/" + run + "/epochs?after=2").then().statusCode(200)
                .extract().jsonPath().getList("$");
        assertEquals(List.of(3), after2.stream().map(e -> e.get("epoch")).toList());
        assertEquals(epochs.get(2), after2.get(0));
        given().get("/api/v1/runs/" + run + "/epochs?after=3").then().statusCode(200).body("$", hasSize(0));
        given().get("/api/v1/runs/" + run + "/epochs?after=-1").then().statusCode(400).body("field", equalTo("after"));
        given().get("/api/v1/runs/99999/epochs").then().statusCode(404);

        List<Map<String, Object>> versions = given().get("/api/v1/models").then().statusCode(200)
                .extract().jsonPath().getList("$");
        Map<String, Object> version = versions.stream().filter(v -> ((Number) v.get("runId")).intValue() == run)
                .findFirst().orElseThrow();
        String artifact = (String) version.get("artifactUri");
        assertTrue(artifact.startsWith("artifacts/") && !artifact.contains("file:"), artifact);
        String artifacts = ConfigProvider.getConfig().getValue("h2rec.training.artifacts-dir", String.class);
        assertTrue(Files.exists(Path.of(artifacts).resolve(artifact.substring("artifacts/".length())).resolve("manifest.json")));

        // The reproductions: activation without a token (a cross-origin page's bodiless POST) and
        // with a role that does not allow it are refused, and nothing changes.
        String activate = "/api/v1/models/" + version.get("id") + "/activate";
        RestAssured.given().header("Origin", "https://attacker.example").post(activate).then().statusCode(401);
        given().post(activate).then().statusCode(403);
        given().get("/api/v1/models/" + version.get("id")).then().body("active", equalTo(false));
        Instant before = Instant.now();
        RestAssured.given().header("Authorization", TestTokens.bearer(Roles.OPERATOR)).post(activate).then().statusCode(200)
                .body("active", equalTo(true));
        given().get("/api/v1/models/active").then().statusCode(200).body("runId", equalTo(run));
        // Who activated which version, and when; what was in production at a time is one query.
        given().get("/api/v1/models/activations").then().statusCode(200)
                .body("[0].modelVersionId", equalTo(version.get("id"))).body("[0].activatedBy", equalTo("test-operator"));
        given().get("/api/v1/models/active?at=" + Instant.now()).then().statusCode(200).body("runId", equalTo(run));
        given().get("/api/v1/models/active?at=" + before.minusSeconds(3600)).then().statusCode(404);

        given().get("/api/v1/runs/compare?ids=" + run + "," + run).then().statusCode(200)
                .body("models", equalTo(List.of("sasrec", "sasrec"))).body("rows[0].values", hasSize(2));
        given().post("/api/v1/runs/" + run + "/cancel").then().statusCode(200).body("cancelled", equalTo(false));
    }

    @Test
    void progressIsReadableWhileRunningAndARunningRunCanBeCancelled() throws Exception {
        Path dir = SyntheticData.write(TempDirs.create("registry-cancel"), 200, 80, 4, 13);
        int dataset = registerDataset(dir);
        // Far more epochs than the test waits for, and a patience that never stops it early.
        int experiment = given().contentType(ContentType.JSON).body(Map.of("name", "walkthrough-cancel",
                        "datasetId", dataset, "model", "sasrec",
                        "params", Map.of("epochs", "10000", "patience", "10000", "hidden", "16", "max_len", "10"),
                        "seeds", List.of(7)))
                .post("/api/v1/experiments").then().statusCode(201).extract().path("id");
        int run = given().contentType(ContentType.JSON).body(Map.of())
                .post("/api/v1/experiments/" + experiment + "/runs").then().statusCode(202).extract().path("[0].id");
        Integer epoch = null;
        for (int i = 0; i < 1200 && (epoch == null || epoch < 2); i++) {
            Thread.sleep(100);
            epoch = given().get("/api/v1/runs/" + run).then().statusCode(200).extract().path("progress.epoch");
        }
        given().get("/api/v1/runs/" + run).then().body("status", equalTo("RUNNING"))
                .body("progress.epoch", greaterThan(1)).body("progress.maxEpochs", equalTo(10000))
                .body("progress.loss", notNullValue()).body("progress.validationNdcg10", notNullValue());
        given().post("/api/v1/runs/" + run + "/cancel").then().statusCode(200).body("cancelled", equalTo(true));
        awaitRun(run).body("status", equalTo("CANCELLED"));
        assertTrue(given().get("/api/v1/models").then().statusCode(200).extract().jsonPath()
                .getList("runId").stream().noneMatch(id -> ((Number) id).intValue() == run),
                "a cancelled run registers no model version");
    }

    @Test
    void aRunWhoseDataChangedFailsWithItsError() throws Exception {
        Path dir = SyntheticData.write(TempDirs.create("registry-fail"), 120, 40, 2, 5);
        int dataset = registerDataset(dir);
        int experiment = given().contentType(ContentType.JSON).body(Map.of("name", "walkthrough-fail",
                        "datasetId", dataset, "model", "popular"))
                .post("/api/v1/experiments").then().statusCode(201).extract().path("id");
        // The files change after registration (another draw of the same generator).
        SyntheticData.write(dir, 120, 40, 2, 6);
        int run = given().contentType(ContentType.JSON).body(Map.of())
                .post("/api/v1/experiments/" + experiment + "/runs").then().statusCode(202).extract().path("[0].id");
        awaitRun(run).body("status", equalTo("FAILED")).body("error", containsString("changed since it was registered"));
    }

    @Test
    void aTemporalSplitIsItsOwnDatasetAndReportsItsColdTargets() throws Exception {
        Path dir = SyntheticData.write(TempDirs.create("registry-temporal"), 200, 80, 4, 17);
        Map<String, String> body = Map.of("location", dir.toString(), "split", "temporal:0.6,0.8");
        int temporal = given().contentType(ContentType.JSON).body(body).post("/api/v1/datasets").then().statusCode(201)
                .body("split", equalTo("temporal:0.6,0.8")).extract().path("id");
        given().contentType(ContentType.JSON).body(body).post("/api/v1/datasets").then().statusCode(200)
                .body("id", equalTo(temporal));
        int leaveOneOut = given().contentType(ContentType.JSON).body(Map.of("location", dir.toString()))
                .post("/api/v1/datasets").then().statusCode(201).body("split", equalTo("leave-one-out")).extract().path("id");
        assertTrue(leaveOneOut != temporal);
        int experiment = given().contentType(ContentType.JSON).body(Map.of("name", "walkthrough-temporal",
                        "datasetId", temporal, "model", "popular", "seeds", List.of(42)))
                .post("/api/v1/experiments").then().statusCode(201).extract().path("id");
        int run = given().contentType(ContentType.JSON).body(Map.of())
                .post("/api/v1/experiments/" + experiment + "/runs").then().statusCode(202).extract().path("[0].id");
        awaitRun(run).body("status", equalTo("SUCCEEDED"))
                .body("provenance.preparation.split.kind", equalTo("TEMPORAL"));
        List<Map<String, Object>> metrics = given().get("/api/v1/runs/" + run + "/metrics").then().statusCode(200)
                .extract().jsonPath().getList("$");
        assertTrue(metrics.stream().anyMatch(m -> m.get("split").equals("TEST") && m.get("group").equals("cold")
                && m.get("metric").equals("support")), "a temporal run reports the cold group");
    }

    @Test
    void badRegistrationsAreClearErrors() {
        given().contentType(ContentType.JSON).body(Map.of("location", "/no/such/dir")).post("/api/v1/datasets")
                .then().statusCode(400).body("detail", containsString("not a dataset under the configured data roots"))
                .body("field", equalTo("location"));
        given().contentType(ContentType.JSON).body(Map.of("name", "x", "datasetId", 999, "model", "sasrec"))
                .post("/api/v1/experiments").then().statusCode(400).body("detail", containsString("unknown dataset"));
        given().get("/api/v1/runs/99999").then().statusCode(404);
        given().get("/api/v1/experiments/99999").then().statusCode(404);
        given().get("/q/openapi").then().statusCode(200).body(containsString("/api/v1/experiments"));
    }
}
