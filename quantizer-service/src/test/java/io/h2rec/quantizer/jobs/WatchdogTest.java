package io.h2rec.quantizer.jobs;

import io.h2rec.adapter.in.security.Roles;
import io.h2rec.testing.EmbeddedPostgresResource;
import io.h2rec.testing.SyntheticData;
import io.h2rec.testing.TestTokens;
import io.h2rec.testing.TempDirs;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/** The per-job watchdog fails a job that outlives its limit; the worker then takes the next job. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
@QuarkusTestResource(TestTokens.Keys.class)
class WatchdogTest {
    /** Every call here carries a token of the role these calls need (issue 18). */
    private static RequestSpecification given() {
        return TestTokens.as(Roles.OPERATOR);
    }

    @Test
    void aJobOverItsTimeLimitFailsAndTheNextOneRuns() throws Exception {
        Path dataset = SyntheticData.write(TempDirs.create("watchdog"), 120, 50, 4, 5);
        long slow = ((Number) given().contentType(ContentType.JSON).body(Map.of("dataset", dataset.toString(),
                        "quantizer", "rqvae", "levels", 2, "codebookSize", 8, "options", Map.of("epochs", "10000"),
                        "timeoutSeconds", 6))
                .post("/api/v1/quantizations").then().statusCode(202).extract().path("id")).longValue();
        long next = ((Number) given().contentType(ContentType.JSON).body(Map.of("dataset", dataset.toString(),
                        "quantizer", "rqkmeans", "levels", 1, "codebookSize", 8))
                .post("/api/v1/quantizations").then().statusCode(202).extract().path("id")).longValue();
        QuantizationJobLifecycleTest.await(slow, "FAILED", "SUCCEEDED", "CANCELLED")
                .body("state", equalTo("FAILED")).body("error", containsString("watchdog"))
                .body("codebookId", nullValue());
        QuantizationJobLifecycleTest.await(next, "SUCCEEDED", "FAILED").body("state", equalTo("SUCCEEDED"));
    }
}
