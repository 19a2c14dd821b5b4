package io.h2rec.testing;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.h2rec.adapter.in.security.Roles;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The authorization matrix of a service's REST API (issue 18). Each service's test lists every
 * endpoint with the roles that may call it; {@link #assertTableMatchesCode} proves the list is the
 * code's (a new endpoint without a row, or without @RolesAllowed, fails the build) and
 * {@link #assertGuarded} calls each one: no token 401, a forged token 401, a wrong role 403, every
 * allowed role the endpoint's own answer (its ids do not exist and its bodies are empty, so that
 * answer is a quick 2xx, 400 or 404 — never 401, 403 or a 5xx).
 */
public final class RestAuthMatrix {
    private static final List<Class<? extends Annotation>> VERBS = List.of(GET.class, POST.class, PUT.class,
            DELETE.class, PATCH.class);

    private RestAuthMatrix() {
    }

    /** One endpoint: its verb, its path template and the roles that may call it. */
    public record Endpoint(String method, String template, Set<String> roles) {
        public static Endpoint of(String method, String template, String... roles) {
            return new Endpoint(method, template, Set.of(roles));
        }

        /** The template with ids no resource has. */
        public String path() {
            return template.replaceAll("\\{id}", "987654321").replaceAll("\\{[a-zA-Z]+}", "no-such-thing");
        }

        String key() {
            return method + " " + template;
        }
    }

    /** Every endpoint of the resource classes under {@code basePackage}, with its effective @RolesAllowed. */
    public static Map<String, Set<String>> discover(String basePackage) {
        Map<String, Set<String>> out = new TreeMap<>();
        for (JavaClass c : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(basePackage)) {
            if (!c.isAnnotatedWith(Path.class)) {
                continue;
            }
            Class<?> type = c.reflect();
            String base = type.getAnnotation(Path.class).value();
            RolesAllowed classRoles = type.getAnnotation(RolesAllowed.class);
            for (Method m : type.getDeclaredMethods()) {
                for (Class<? extends Annotation> verb : VERBS) {
                    if (m.isAnnotationPresent(verb)) {
                        Path sub = m.getAnnotation(Path.class);
                        String template = (base + (sub == null ? "" : "/" + sub.value())).replaceAll("/+", "/");
                        RolesAllowed roles = m.getAnnotation(RolesAllowed.class) != null
                                ? m.getAnnotation(RolesAllowed.class) : classRoles;
                        out.put(verb.getSimpleName() + " " + template,
                                roles == null ? Set.of() : new TreeSet<>(List.of(roles.value())));
                    }
                }
            }
        }
        return out;
    }

    public static void assertTableMatchesCode(String basePackage, List<Endpoint> table) {
        Map<String, Set<String>> declared = new TreeMap<>();
        table.forEach(e -> declared.put(e.key(), new TreeSet<>(e.roles())));
        Map<String, Set<String>> code = discover(basePackage);
        code.forEach((endpoint, roles) -> assertTrue(!roles.isEmpty(), endpoint + " has no @RolesAllowed: "
                + "every endpoint names the roles that may call it (docs/security.md)"));
        assertEquals(declared, code, "the authorization matrix must list every endpoint with its roles");
    }

    /**
     * 401 without a token or with a forged one, 403 with a role that is not allowed, the endpoint's answer with each
     * allowed one. A refusal is a problem like any other error: problem+json with a type and a reason, and a 401
     * names the scheme it wants (WWW-Authenticate: Bearer).
     */
    public static void assertGuarded(Endpoint e) {
        assertRefused(call(given(), e), 401, e.key() + " without a token");
        assertRefused(call(given().header("Authorization", "Bearer " + TestTokens.forged(Roles.ALL.toArray(String[]::new))), e),
                401, e.key() + " with a forged token");
        List<String> wrong = new ArrayList<>(Roles.ALL);
        wrong.removeAll(e.roles());
        for (String role : wrong) {
            assertRefused(call(given().header("Authorization", TestTokens.bearer(role)), e), 403, e.key() + " as " + role);
        }
        for (String role : e.roles()) {
            int status = call(given().header("Authorization", TestTokens.bearer(role)), e).statusCode();
            assertTrue(status != 401 && status != 403 && status < 500, e.key() + " as " + role + " answered " + status);
        }
    }

    /** A 401 or 403 as an RFC 9457 problem: its status, a type a client can switch on, a reason in words. */
    public static void assertRefused(Response r, int status, String what) {
        assertEquals(status, r.statusCode(), what);
        assertTrue(String.valueOf(r.contentType()).startsWith("application/problem+json"),
                what + ": a problem, not '" + r.contentType() + "' (body '" + r.asString() + "')");
        assertEquals(status, r.jsonPath().getInt("status"), what + ": the problem's status");
        assertTrue(r.jsonPath().getString("type").startsWith("urn:h2rec:problem:"), what + ": " + r.asString());
        assertTrue(r.jsonPath().getString("detail").length() > 10, what + ": a reason, got " + r.asString());
        if (status == 401) {
            assertEquals("Bearer", r.header("WWW-Authenticate"), what + ": the challenge names the scheme");
        }
    }

    private static Response call(RequestSpecification spec, Endpoint e) {
        if (e.method().equals("POST") || e.method().equals("PUT") || e.method().equals("PATCH")) {
            spec = spec.contentType("application/json").body("{}");
        }
        return spec.when().request(e.method(), e.path());
    }
}
