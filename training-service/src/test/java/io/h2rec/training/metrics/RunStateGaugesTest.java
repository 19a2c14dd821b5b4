package io.h2rec.training.metrics;

import io.h2rec.testing.EmbeddedPostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

/** Runs by state are scraped at /q/metrics, one series per state, next to the JVM's own meters. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class RunStateGaugesTest {
    @Test
    void runsByStateAreScraped() {
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("h2rec_training_runs{state=\"QUEUED\"}"))
                .body(containsString("h2rec_training_runs{state=\"SUCCEEDED\"}"))
                .body(containsString("jvm_memory_used_bytes"));
    }
}
