package io.h2rec.training.errors;

import io.h2rec.adapter.in.security.Roles;
import io.h2rec.testing.EmbeddedPostgresResource;
import io.h2rec.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A JDK exception escaping a resource is a bug, not the client's mistake: 500, a generic problem with
 * an error id, and none of its message (which stays in the log under that id).
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
@QuarkusTestResource(TestTokens.Keys.class)
class InternalErrorTest {
    @ParameterizedTest
    @ValueSource(strings = {"argument", "state", "element"})
    void aJdkExceptionInsideAResourceIsA500WithoutItsMessage(String kind) {
        Response r = TestTokens.as(Roles.VIEWER).get("/test/bug/" + kind);
        assertEquals(500, r.statusCode(), r.asString());
        assertTrue(r.contentType().startsWith("application/problem+json"), r.contentType());
        assertEquals("urn:h2rec:problem:internal", r.path("type"));
        assertTrue(r.<String>path("errorId").length() >= 8, r.asString());
        assertFalse(r.asString().contains("secret"), r.asString());
        assertFalse(r.asString().contains("Exception"), r.asString());
    }
}
