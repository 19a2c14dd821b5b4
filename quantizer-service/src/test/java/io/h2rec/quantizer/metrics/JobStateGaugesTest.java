package io.h2rec.quantizer.metrics;

import io.h2rec.testing.EmbeddedPostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

/** Quantization jobs by state are scraped at /q/metrics, one series per state. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class JobStateGaugesTest {
    @Test
    void jobsByStateAreScraped() {
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("h2rec_quantizer_jobs{state=\"RUNNING\"}"))
                .body(containsString("h2rec_quantizer_jobs{state=\"FAILED\"}"));
    }
}
