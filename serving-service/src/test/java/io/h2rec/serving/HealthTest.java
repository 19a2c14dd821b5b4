package io.h2rec.serving;

import io.h2rec.serving.model.ModelHolder;
import io.h2rec.testing.EmbeddedPostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class HealthTest {
    @Inject
    ModelHolder holder;

    @Test
    void liveAlwaysReadyOnlyWithAModel() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        if (holder.current() == null) {
            given().when().get("/q/health/ready").then().statusCode(503)
                    .body("checks.data.reason", hasItem("no model version loaded yet"));
        } else {
            given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        }
    }
}
