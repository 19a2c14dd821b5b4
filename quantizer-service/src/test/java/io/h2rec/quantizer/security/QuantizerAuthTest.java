package io.h2rec.quantizer.security;

import io.h2rec.adapter.in.security.Roles;
import io.h2rec.testing.EmbeddedPostgresResource;
import io.h2rec.testing.RestAuthMatrix;
import io.h2rec.testing.RestAuthMatrix.Endpoint;
import io.h2rec.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

/** Every quantizer endpoint refuses callers without the right role (issue 18). */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
@QuarkusTestResource(TestTokens.Keys.class)
class QuantizerAuthTest {
    static final String[] READ = {Roles.VIEWER, Roles.EXPERIMENTER, Roles.OPERATOR};
    static final List<Endpoint> ENDPOINTS = List.of(
            Endpoint.of("GET", "/api/v1/quantizations", READ),
            Endpoint.of("GET", "/api/v1/quantizations/{id}", READ),
            Endpoint.of("POST", "/api/v1/quantizations", Roles.OPERATOR),
            Endpoint.of("DELETE", "/api/v1/quantizations/{id}", Roles.OPERATOR),
            Endpoint.of("POST", "/api/v1/quantizations/{id}/restart", Roles.OPERATOR),
            Endpoint.of("GET", "/api/v1/codebooks", READ),
            Endpoint.of("GET", "/api/v1/codebooks/{id}", READ),
            Endpoint.of("GET", "/api/v1/codebooks/{id}/items/{item}", READ),
            Endpoint.of("POST", "/api/v1/codebooks/{id}/items", Roles.OPERATOR),
            Endpoint.of("DELETE", "/api/v1/codebooks/{id}/items/{item}", Roles.OPERATOR));

    @BeforeEach
    void noDefaultCredentials() {
        RestAssured.requestSpecification = null;
    }

    @Test
    void theMatrixListsEveryEndpointWithTheRolesItsCodeAllows() {
        RestAuthMatrix.assertTableMatchesCode("io.h2rec.quantizer", ENDPOINTS);
    }

    @Test
    void everyEndpointAnswersOnlyTheRolesThatMayCallIt() {
        ENDPOINTS.forEach(RestAuthMatrix::assertGuarded);
    }

    /** Quantizing a server path outside the data roots is refused at once, existing or not. */
    @Test
    void aDatasetOutsideTheDataRootsIsRefusedBeforeAnyJob() throws Exception {
        Path outside = Files.createDirectories(Path.of("target", "outside-roots")).toAbsolutePath();
        given().header("Authorization", TestTokens.bearer(Roles.OPERATOR)).contentType(ContentType.JSON)
                .body(Map.of("dataset", outside.toString())).post("/api/v1/quantizations").then().statusCode(400)
                .body("detail", containsString("data roots")).body("detail", not(containsString("exist")));
    }
}
