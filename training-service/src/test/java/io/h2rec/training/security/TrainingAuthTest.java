package io.h2rec.training.security;

import io.h2rec.adapter.in.security.Roles;
import io.h2rec.testing.EmbeddedPostgresResource;
import io.h2rec.testing.RestAuthMatrix;
import io.h2rec.testing.RestAuthMatrix.Endpoint;
import io.h2rec.testing.TestTokens;
import io.h2rec.testing.TempDirs;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every registry endpoint refuses callers without the right role; the reproductions fail (issue 18). */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
@QuarkusTestResource(TestTokens.Keys.class)
class TrainingAuthTest {
    static final String[] READ = {Roles.VIEWER, Roles.EXPERIMENTER, Roles.OPERATOR};
    static final List<Endpoint> ENDPOINTS = List.of(
            Endpoint.of("GET", "/api/v1/datasets", READ),
            Endpoint.of("GET", "/api/v1/datasets/{id}", READ),
            Endpoint.of("POST", "/api/v1/datasets", Roles.EXPERIMENTER),
            Endpoint.of("GET", "/api/v1/experiments", READ),
            Endpoint.of("GET", "/api/v1/experiments/{id}", READ),
            Endpoint.of("POST", "/api/v1/experiments", Roles.EXPERIMENTER),
            Endpoint.of("GET", "/api/v1/experiments/{id}/runs", READ),
            Endpoint.of("POST", "/api/v1/experiments/{id}/runs", Roles.EXPERIMENTER),
            Endpoint.of("GET", "/api/v1/runs/{id}", READ),
            Endpoint.of("GET", "/api/v1/runs/{id}/metrics", READ),
            Endpoint.of("GET", "/api/v1/runs/{id}/epochs", READ),
            Endpoint.of("GET", "/api/v1/runs/compare", READ),
            Endpoint.of("POST", "/api/v1/runs/{id}/cancel", Roles.EXPERIMENTER),
            Endpoint.of("POST", "/api/v1/runs/{id}/resume", Roles.EXPERIMENTER),
            Endpoint.of("GET", "/api/v1/models", READ),
            Endpoint.of("GET", "/api/v1/models/{id}", READ),
            Endpoint.of("GET", "/api/v1/models/active", READ),
            Endpoint.of("GET", "/api/v1/models/activations", READ),
            Endpoint.of("POST", "/api/v1/models/{id}/activate", Roles.OPERATOR),
            Endpoint.of("GET", "/api/v1/aliases", READ),
            Endpoint.of("GET", "/api/v1/aliases/{name}", READ),
            Endpoint.of("PUT", "/api/v1/aliases/{name}", Roles.OPERATOR),
            Endpoint.of("DELETE", "/api/v1/aliases/{name}", Roles.OPERATOR),
            Endpoint.of("GET", "/api/v1/deployments", READ),
            Endpoint.of("GET", "/api/v1/deployments/{name}", READ),
            Endpoint.of("PUT", "/api/v1/deployments/{name}", Roles.OPERATOR),
            Endpoint.of("DELETE", "/api/v1/deployments/{name}", Roles.OPERATOR),
            Endpoint.of("GET", "/api/v1/deployment-changes", READ),
            Endpoint.of("GET", "/api/v1/audit", Roles.OPERATOR));

    @BeforeEach
    void noDefaultCredentials() {
        RestAssured.requestSpecification = null;
    }

    @Test
    void theMatrixListsEveryEndpointWithTheRolesItsCodeAllows() {
        RestAuthMatrix.assertTableMatchesCode("io.h2rec.training", ENDPOINTS);
    }

    @Test
    void everyEndpointAnswersOnlyTheRolesThatMayCallIt() {
        ENDPOINTS.forEach(RestAuthMatrix::assertGuarded);
    }

    @Test
    void healthAndOpenApiAreOpenAndOpenApiDocumentsTheBearerScheme() {
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("components.securitySchemes.SecurityScheme.scheme", equalTo("bearer"))
                .body("paths.'/api/v1/models/{id}/activate'.post.security", not(nullValue()));
    }

    /**
     * A hostile client of the learning curve: an expired token, an unsigned one (alg none) carrying every role, a
     * non-bearer scheme are each a 401 problem with a reason; a ranker's token a 403 problem.
     */
    @Test
    void refusedTokensAreProblemsWithAReason() {
        String unsigned = enc("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + enc("{\"iss\":\"h2rec-local\",\"sub\":\"x\","
                + "\"groups\":[\"viewer\",\"operator\"],\"exp\":" + (System.currentTimeMillis() / 1000 + 3600) + "}") + ".";
        String curve = "/api/v1/runs/1/epochs";
        RestAuthMatrix.assertRefused(given().header("Authorization", "Bearer " + TestTokens.expired(Roles.VIEWER))
                .get(curve), 401, "an expired token");
        RestAuthMatrix.assertRefused(given().header("Authorization", "Bearer " + unsigned).get(curve), 401,
                "an unsigned token");
        RestAuthMatrix.assertRefused(given().header("Authorization", "Basic YWRtaW46YWRtaW4=").get(curve), 401,
                "basic credentials");
        RestAuthMatrix.assertRefused(given().header("Authorization", TestTokens.bearer(Roles.RANKER)).get(curve), 403,
                "a ranker");
    }

    private static String enc(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** A page on another origin cannot activate: CORS is off (no preflight passes) and the bodiless POST needs a token. */
    @Test
    void aCrossOriginActivateIsRefused() {
        given().header("Origin", "https://attacker.example").header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization").options("/api/v1/models/1/activate")
                .then().header("Access-Control-Allow-Origin", nullValue());
        given().header("Origin", "https://attacker.example").post("/api/v1/models/1/activate").then()
                .statusCode(401).header("Access-Control-Allow-Origin", nullValue());
    }

    /** The issue's {"location": "/some/dir/creds.csv"}: refused before reading, like a path that does not exist. */
    @Test
    void aLocationOutsideTheDataRootsIsRefusedWithoutReadingOrConfirmingIt() throws IOException {
        Path outside = Files.createDirectories(Path.of("target", "outside-roots")).toAbsolutePath();
        Path creds = Files.writeString(outside.resolve("creds.csv"), "username,password\nadmin,hunter2\n");
        String existing = register(creds.toString()).then().statusCode(400).extract().path("detail");
        String missing = register(outside.resolve("nothing-here.csv").toString()).then().statusCode(400)
                .extract().path("detail");
        assertFalse(existing.contains("hunter2") || existing.contains("admin"), existing);
        assertEquals(existing.replace(creds.toString(), "X"), missing.replace(outside.resolve("nothing-here.csv")
                .toString(), "X"), "an existing and a missing file outside the roots answer alike");
        register("../../../../../../etc").then().statusCode(400).body("detail", containsString("data roots"));
    }

    /** A file inside a root that is not a dataset: the error names file, line and column, never a value. */
    @Test
    void parseErrorsNameTheLineAndColumnButNoContents() throws IOException {
        Path dir = TempDirs.create("secret-rows");
        Files.writeString(dir.resolve("interactions.csv"), "user,item,timestamp\nadmin,pw-hunter2,yesterday\n");
        String error = register(dir.toString()).then().statusCode(400).extract().path("detail");
        assertTrue(error.contains("interactions.csv") && error.contains("line 2"), error);
        assertFalse(error.contains("hunter2") || error.contains("yesterday") || error.contains("admin"), error);
        assertFalse(error.contains(dir.toString()), "no absolute server path: " + error);
    }

    @Test
    void everyWriteIsAuditedWithWhoWhatWhereAndOutcome() throws InterruptedException {
        given().contentType(ContentType.JSON).body("{}").post("/api/v1/runs/424242/cancel").then().statusCode(401);
        given().header("Authorization", TestTokens.bearer(Roles.EXPERIMENTER)).post("/api/v1/runs/424243/cancel")
                .then().statusCode(404);
        List<Map<String, Object>> audit = List.of();
        for (int i = 0; i < 100 && audit.size() < 2; i++) {
            Thread.sleep(50); // rows are written a moment after the answer
            audit = given().header("Authorization", TestTokens.bearer(Roles.OPERATOR)).get("/api/v1/audit?limit=1000")
                    .then().statusCode(200).extract().jsonPath().<Map<String, Object>>getList("$").stream()
                    .filter(e -> String.valueOf(e.get("action")).matches("POST /api/v1/runs/42424[23]/cancel")).toList();
        }
        assertEquals(2, audit.size(), audit.toString());
        Map<String, Object> anonymous = audit.stream().filter(e -> e.get("status").equals(401)).findFirst().orElseThrow();
        assertEquals("anonymous", anonymous.get("actor"));
        Map<String, Object> experimenter = audit.stream().filter(e -> e.get("status").equals(404)).findFirst().orElseThrow();
        assertEquals("test-experimenter", experimenter.get("actor"));
        assertEquals("experimenter", experimenter.get("roles"));
        assertEquals("training-service", experimenter.get("service"));
        assertTrue(String.valueOf(experimenter.get("remote")).startsWith("127.0.0.1"), experimenter.toString());
        assertTrue(experimenter.get("at") != null);
        given().header("Authorization", TestTokens.bearer(Roles.VIEWER)).get("/api/v1/audit").then().statusCode(403);
        given().header("Authorization", TestTokens.bearer(Roles.OPERATOR)).get("/api/v1/audit").then()
                .body("action", hasItem("POST /api/v1/runs/424243/cancel"));
    }

    /** A flood of one anonymous refusal is a few rows that count it, not a row per request (AnonymousRefusals). */
    @Test
    void aFloodOfAnonymousRefusalsIsFoldedIntoRowsThatCountIt() throws InterruptedException {
        int sent = 12;
        for (int i = 0; i < sent; i++) {
            given().contentType(ContentType.JSON).body("{}").post("/api/v1/runs/525252/cancel").then().statusCode(401);
        }
        List<Map<String, Object>> rows = List.of();
        int counted = 0;
        for (int i = 0; i < 200 && counted < sent; i++) {
            Thread.sleep(50); // the first row comes a moment after the answer, the folded ones when the window ends
            rows = given().header("Authorization", TestTokens.bearer(Roles.OPERATOR)).get("/api/v1/audit?limit=1000")
                    .then().statusCode(200).extract().jsonPath().<Map<String, Object>>getList("$").stream()
                    .filter(e -> "POST /api/v1/runs/525252/cancel".equals(e.get("action"))).toList();
            counted = rows.stream().mapToInt(e -> (Integer) e.get("repeats")).sum();
        }
        assertEquals(sent, counted, rows.toString());
        assertTrue(rows.size() < sent, "folded: " + rows);
        assertTrue(rows.stream().allMatch(e -> "anonymous".equals(e.get("actor")) && e.get("status").equals(401)), rows.toString());
    }

    private static io.restassured.response.Response register(String location) {
        return given().header("Authorization", TestTokens.bearer(Roles.EXPERIMENTER)).contentType(ContentType.JSON)
                .body(Map.of("location", location)).post("/api/v1/datasets");
    }
}
