package io.h2rec.training.security;

import io.h2rec.testing.EmbeddedPostgresResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;

/**
 * H2REC_SECURITY_AUTH=disabled, the explicit local-development switch (on loopback only): no token
 * needed, every caller has every role, and the role checks still run (an unknown id is a 404, not
 * a 401 or 403).
 */
@QuarkusTest
@TestProfile(LocalDevelopmentTest.AuthDisabled.class)
class LocalDevelopmentTest {
    public static class AuthDisabled implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("h2rec.security.auth", "disabled");
        }

        /** Without the module's global TestTokens.Keys, whose configuration requires tokens over this profile's. */
        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(EmbeddedPostgresResource.class));
        }
    }

    @Test
    void everyCallerIsTheLocalDeveloperWithEveryRole() {
        given().get("/api/v1/models").then().statusCode(200);
        given().post("/api/v1/models/987654321/activate").then().statusCode(404);
        given().get("/api/v1/audit").then().statusCode(200);
    }
}
