package io.h2rec.testing;

import io.h2rec.adapter.in.security.LocalKeys;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Bearer tokens for tests, signed with a key pair made for this JVM (in a temporary folder named by
 * a system property, so every class loader of a Quarkus test run signs with the same key). The
 * services under test verify with its public key: {@link Keys}.
 */
public final class TestTokens {
    private static final String DIR_PROPERTY = "h2rec.test.keys";

    private TestTokens() {
    }

    /** A token whose subject is "test-" + the roles, carrying these roles. */
    public static String token(String... roles) {
        return LocalKeys.token(privateKey(), "test-" + String.join("-", roles), List.of(roles), Duration.ofHours(1));
    }

    /** The value of an Authorization header carrying {@link #token}. */
    public static String bearer(String... roles) {
        return "Bearer " + token(roles);
    }

    /** A REST request carrying a token of these roles. */
    public static RequestSpecification as(String... roles) {
        return RestAssured.given().header("Authorization", bearer(roles));
    }

    /** A token signed by the right key that expired an hour ago. */
    public static String expired(String... roles) {
        return LocalKeys.token(privateKey(), "test-expired", List.of(roles), Duration.ofHours(-1));
    }

    /** A token of the right issuer signed by another key: a forgery. */
    public static String forged(String... roles) {
        return LocalKeys.token(LocalKeys.generate().getPrivate(), "forger", List.of(roles), Duration.ofHours(1));
    }

    public static Path publicKey() {
        Path dir = dir();
        LocalKeys.keyPair(dir);
        return dir.resolve(LocalKeys.PUBLIC_KEY);
    }

    private static PrivateKey privateKey() {
        return LocalKeys.keyPair(dir()).getPrivate();
    }

    private static synchronized Path dir() {
        String d = System.getProperty(DIR_PROPERTY);
        if (d == null) {
            try {
                d = TempDirs.create("h2rec-test-keys").toString();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            System.setProperty(DIR_PROPERTY, d);
        }
        return Path.of(d);
    }

    /** The services under test verify tokens with the test key, and require them. */
    public static class Keys implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            return Map.of("mp.jwt.verify.publickey.location", publicKey().toString(), "h2rec.security.auth", "required");
        }

        @Override
        public void stop() {
        }
    }
}
