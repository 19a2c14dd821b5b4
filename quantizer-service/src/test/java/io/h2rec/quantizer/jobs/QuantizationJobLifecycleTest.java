package io.h2rec.quantizer.jobs;

import io.h2rec.adapter.in.security.Roles;
import io.h2rec.domain.model.RunStatus;
import io.h2rec.domain.port.out.QuantizationJobStore;
import io.h2rec.testing.EmbeddedPostgresResource;
import io.h2rec.testing.SyntheticData;
import io.h2rec.testing.TestTokens;
import io.h2rec.testing.TempDirs;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Jobs live in PostgreSQL: a job whose process died (its lease expired) is marked INTERRUPTED by
 * this instance and runs again on restart; a QUEUED job nobody executes is taken up; a cancel of an
 * orphan is honoured; a degenerate codebook fails its job and commits nothing.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
@QuarkusTestResource(TestTokens.Keys.class)
class QuantizationJobLifecycleTest {
    /** Every call here carries a token of the role these calls need (issue 18). */
    private static RequestSpecification given() {
        return TestTokens.as(Roles.OPERATOR);
    }

    static Path dataset;

    @Inject
    QuantizationJobStore store;

    @BeforeAll
    static void data() throws Exception {
        dataset = SyntheticData.write(TempDirs.create("quantizer-jobs"), 120, 50, 4, 9);
    }

    static ValidatableResponse await(long id, String... states) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            String state = given().get("/api/v1/quantizations/" + id).then().statusCode(200).extract().path("state");
            for (String s : states) {
                if (s.equals(state)) {
                    return given().get("/api/v1/quantizations/" + id).then();
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("job " + id + " never reached " + String.join("/", states));
    }

    private static String request() {
        return "{\"dataset\": \"" + dataset + "\", \"quantizer\": \"rqkmeans\", \"levels\": 2, \"codebookSize\": 8}";
    }

    @Test
    void aJobOfADeadProcessIsInterruptedThenRestartedHere() throws Exception {
        long id = store.create(request(), null).id();
        store.claim(id, "ghost-pod:1:dead00");
        await(id, "INTERRUPTED").body("error", containsString("ghost-pod:1:dead00"))
                .body("error", containsString("lease")).body("codebookId", nullValue());
        given().post("/api/v1/quantizations/" + id + "/restart").then().statusCode(202).body("attempt", equalTo(2));
        await(id, "SUCCEEDED").body("codebookId", notNullValue()).body("owner", containsString(":"));
        // Only INTERRUPTED and FAILED jobs restart.
        given().post("/api/v1/quantizations/" + id + "/restart").then().statusCode(409)
                .contentType("application/problem+json").body("resource", equalTo("/api/v1/quantizations/" + id));
    }

    @Test
    void aQueuedJobNobodyExecutesIsTakenUp() throws Exception {
        long id = store.create(request(), null).id();
        // Not handed to this instance's worker: the sweep adopts it once it is older than a lease.
        await(id, "SUCCEEDED").body("codebookId", notNullValue());
        assertEquals(RunStatus.SUCCEEDED, store.find(id).orElseThrow().state());
    }

    @Test
    void anOrphanCanBeCancelledAndADegenerateCodebookFails() throws Exception {
        long orphan = store.create(request(), null).id();
        store.claim(orphan, "ghost-pod:2:dead01");
        given().delete("/api/v1/quantizations/" + orphan).then().statusCode(200).body("outcome", equalTo("REQUESTED"));
        // Its owner is gone: when the lease expires the request is honoured.
        await(orphan, "CANCELLED", "INTERRUPTED").body("state", equalTo("CANCELLED"));

        int before = given().get("/api/v1/codebooks").then().extract().jsonPath().getList("id").size();
        long job = ((Number) given().contentType(ContentType.JSON).body(Map.of("dataset", dataset.toString(),
                        "quantizer", "rqkmeans", "levels", 2, "codebookSize", 8, "minDistinctFraction", 1.0))
                .post("/api/v1/quantizations").then().statusCode(202).extract().path("id")).longValue();
        await(job, "FAILED").body("error", containsString("degenerate codebook, not committed"))
                .body("codebookId", nullValue());
        assertEquals(before, given().get("/api/v1/codebooks").then().extract().jsonPath().getList("id").size());
    }
}
