package io.h2rec.testing;

import io.h2rec.adapter.in.security.Roles;
import io.restassured.response.Response;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One client mistake for a REST API and what it must give: a status and a problem body naming the
 * offending field. {@code path} and {@code body} may hold {@code {placeholders}} a test fills from its
 * fixtures.
 */
public record BadInput(String name, String method, String path, String body, int status, String field) {
    public static BadInput post(String name, String path, String body, int status, String field) {
        return new BadInput(name, "POST", path, body, status, field);
    }

    public static BadInput get(String name, String path, int status, String field) {
        return new BadInput(name, "GET", path, null, status, field);
    }

    /** {@code "x" * n}, for over-long strings. */
    public static String longText(int n) {
        return "x".repeat(n);
    }

    /** A JSON object with {@code n} string entries k0..k(n-1). */
    public static String manyEntries(int n) {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":\"1\"");
        }
        return sb.append('}').toString();
    }

    /** A JSON list of {@code n} integers. */
    public static String manyNumbers(int n) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : ",").append(i);
        }
        return sb.append(']').toString();
    }

    public BadInput resolve(Map<String, String> values) {
        String p = path;
        String b = body;
        for (Map.Entry<String, String> e : values.entrySet()) {
            p = p.replace("{" + e.getKey() + "}", e.getValue());
            b = b == null ? null : b.replace("{" + e.getKey() + "}", e.getValue());
        }
        return new BadInput(name, method, p, b, status, field);
    }

    /** Sends it (placeholders filled from {@code values}) and checks the status and the problem body. */
    public void check(Map<String, String> values) {
        BadInput c = resolve(values);
        // A caller allowed every call: the tables are about input, the authorization matrices about roles.
        var request = TestTokens.as(Roles.ALL.toArray(String[]::new)).contentType("application/json");
        if (c.body() != null) {
            request = request.body(c.body());
        }
        Response r = switch (c.method()) {
            case "POST" -> request.post(c.path());
            case "DELETE" -> request.delete(c.path());
            default -> request.get(c.path());
        };
        String body = r.asString();
        assertEquals(c.status(), r.statusCode(), c.name() + ": " + body);
        assertTrue(r.contentType().startsWith("application/problem+json"), c.name() + ": " + r.contentType());
        assertEquals(c.field(), r.path("field"), c.name() + ": " + body);
        assertEquals(c.status(), (int) r.path("status"));
        assertNotNull(r.path("type"));
        assertNotNull(r.path("title"));
        assertNotNull(r.path("detail"));
        assertNotNull(r.path("errorId"));
        assertFalse(body.contains("\tat ") || body.contains("at io.h2rec") || body.contains("Exception:"),
                c.name() + ": a stack trace in " + body);
    }

    @Override
    public String toString() {
        return name;
    }
}
