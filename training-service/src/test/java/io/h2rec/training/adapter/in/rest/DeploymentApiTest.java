package io.h2rec.training.adapter.in.rest;

import io.h2rec.adapter.in.security.Roles;
import io.h2rec.domain.model.ModelVersion;
import io.h2rec.testing.EmbeddedPostgresResource;
import io.h2rec.testing.TestTokens;
import io.h2rec.adapter.out.persistence.HibernateExperimentStore;
import io.h2rec.adapter.out.persistence.HibernateItemCatalog;
import io.h2rec.adapter.out.persistence.HibernateModelVersionStore;
import io.h2rec.adapter.out.persistence.VersionRows;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Aliases and traffic splits over real HTTP: operators change them, every change is logged and audited. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
@QuarkusTestResource(TestTokens.Keys.class)
class DeploymentApiTest {
    @Inject
    HibernateItemCatalog catalog;
    @Inject
    HibernateExperimentStore experiments;
    @Inject
    HibernateModelVersionStore versions;

    static RequestSpecification as(String role) {
        return RestAssured.given().header("Authorization", TestTokens.bearer(role)).contentType(ContentType.JSON);
    }

    @Test
    void anOperatorSplitsTrafficBetweenTwoAliasesAndEveryChangeIsRecorded() throws InterruptedException {
        List<ModelVersion> v = VersionRows.register(catalog, experiments, versions, "ab-split", 3);
        long champion = v.get(0).id();
        long challenger = v.get(1).id();
        as(Roles.VIEWER).body(Map.of("version", champion)).put("/api/v1/aliases/api-champion").then().statusCode(403);
        as(Roles.OPERATOR).body(Map.of("version", champion)).put("/api/v1/aliases/api-champion").then().statusCode(200)
                .body("modelVersionId", equalTo((int) champion)).body("updatedBy", equalTo("test-operator"));
        as(Roles.OPERATOR).body(Map.of("version", challenger)).put("/api/v1/aliases/api-challenger").then().statusCode(200);
        as(Roles.OPERATOR).body(Map.of("routes", Map.of("api-champion", 90, "api-challenger", 10)))
                .put("/api/v1/deployments/api").then().statusCode(200)
                .body("routes.alias", equalTo(List.of("api-challenger", "api-champion")))
                .body("routes[0].share", equalTo(0.1f))
                .body("routes[1].modelVersionId", equalTo((int) champion));

        // Promote: the challenger's version becomes the champion; the deployment follows the alias.
        as(Roles.OPERATOR).body(Map.of("version", challenger)).put("/api/v1/aliases/api-champion").then().statusCode(200);
        as(Roles.VIEWER).get("/api/v1/deployments/api").then().statusCode(200)
                .body("routes[1].modelVersionId", equalTo((int) challenger));
        as(Roles.VIEWER).get("/api/v1/deployment-changes?limit=3").then().statusCode(200)
                .body("[0].subject", equalTo("alias api-champion"))
                .body("[0].change", equalTo("model version " + challenger + " (was " + champion + ")"))
                .body("[0].actor", equalTo("test-operator"))
                .body("[1].change", equalTo("api-challenger=10, api-champion=90 (new)"));

        // What cannot be done says why, naming the field or the resource.
        as(Roles.OPERATOR).delete("/api/v1/aliases/api-challenger").then().statusCode(409)
                .body("resource", equalTo("/api/v1/deployments/api"));
        as(Roles.OPERATOR).body(Map.of("routes", Map.of("api-champion", 1, "ghost", 1)))
                .put("/api/v1/deployments/api").then().statusCode(400).body("field", equalTo("routes.ghost"));
        as(Roles.OPERATOR).body(Map.of("routes", Map.of("api-champion", 0))).put("/api/v1/deployments/api").then()
                .statusCode(400).body("field", equalTo("routes"));
        as(Roles.OPERATOR).body(Map.of("routes", Map.of("api-champion", 1.5))).put("/api/v1/deployments/api").then()
                .statusCode(400);
        as(Roles.OPERATOR).body(Map.of("version", 987_654_321)).put("/api/v1/aliases/api-champion").then().statusCode(404);
        as(Roles.OPERATOR).body(Map.of()).put("/api/v1/aliases/api-champion").then().statusCode(400)
                .body("field", equalTo("version"));
        as(Roles.OPERATOR).body(Map.of("version", champion)).put("/api/v1/aliases/Not-Valid").then().statusCode(400)
                .body("field", equalTo("name"));
        as(Roles.OPERATOR).body(Map.of("version", champion)).put("/api/v1/aliases/active").then().statusCode(400);
        as(Roles.VIEWER).get("/api/v1/deployments/api").then().body("routes.weight", equalTo(List.of(10, 90)));

        // Back to the active version: the deployment goes, then its aliases may.
        as(Roles.OPERATOR).delete("/api/v1/deployments/api").then().statusCode(204);
        as(Roles.OPERATOR).delete("/api/v1/aliases/api-challenger").then().statusCode(204);
        as(Roles.VIEWER).get("/api/v1/aliases").then().statusCode(200).body("name", hasItem("api-champion"))
                .body("name", not(hasItem("api-challenger")));

        // The audit trail has each HTTP write, with who and the outcome.
        List<Map<String, Object>> audit = List.of();
        for (int i = 0; i < 100 && audit.size() < 2; i++) {
            Thread.sleep(50);   // rows are written a moment after the answer
            audit = as(Roles.OPERATOR).get("/api/v1/audit?limit=1000").then().statusCode(200).extract().jsonPath()
                    .<Map<String, Object>>getList("$").stream()
                    .filter(e -> e.get("action").equals("DELETE /api/v1/deployments/api")
                            || e.get("action").equals("PUT /api/v1/aliases/Not-Valid")).toList();
        }
        assertEquals(2, audit.size(), audit.toString());
        as(Roles.OPERATOR).get("/api/v1/audit?limit=1000").then()
                .body("findAll { it.action == 'PUT /api/v1/deployments/api' }.status", hasItem(200))
                .body("findAll { it.action == 'PUT /api/v1/aliases/api-champion' }.actor", hasItem("test-operator"));
    }
}
