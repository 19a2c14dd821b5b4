package io.h2rec.adapter.in.security;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Secure by default: a service that listens refuses to start without a token verification key,
 * unless authentication is explicitly disabled for local development — and that only on loopback.
 * In-process jobs (the pipeline and other commands) listen on nothing and need neither.
 */
@ApplicationScoped
public class AuthStartupCheck {
    private static final Logger LOG = Logger.getLogger(AuthStartupCheck.class);
    static final List<String> KEY_PROPERTIES = List.of("mp.jwt.verify.publickey", "mp.jwt.verify.publickey.location",
            "smallrye.jwt.verify.key.location");

    void check(@Observes StartupEvent event, SecurityConfig security, Config config) {
        List<String> hosts = listeningHosts(config);
        boolean key = KEY_PROPERTIES.stream().anyMatch(p -> config.getOptionalValue(p, String.class)
                .filter(v -> !v.isBlank() && !v.equals("NONE")).isPresent());
        Optional<String> refusal = refusal(security.auth(), key, hosts);
        if (refusal.isPresent()) {
            throw new IllegalStateException(refusal.get());
        }
        if (security.auth() == SecurityConfig.Auth.DISABLED && !hosts.isEmpty()) {
            LOG.warnf("authentication is DISABLED (H2REC_SECURITY_AUTH=disabled): every caller on %s has every role. "
                    + "Local development only.", hosts);
        }
    }

    /** Why the service must not start, if it must not. */
    static Optional<String> refusal(SecurityConfig.Auth auth, boolean keyConfigured, List<String> listeningHosts) {
        if (listeningHosts.isEmpty()) {
            return Optional.empty();
        }
        if (auth == SecurityConfig.Auth.REQUIRED && !keyConfigured) {
            return Optional.of("no token verification key is configured, and this service does not serve "
                    + "unauthenticated: set H2REC_JWT_PUBLIC_KEY to a PEM public key, a JWK set or an identity "
                    + "provider's JWKS URL (deploy/h2rec start makes a local key pair), or, for local development "
                    + "on loopback only, H2REC_SECURITY_AUTH=disabled (docs/security.md)");
        }
        if (auth == SecurityConfig.Auth.DISABLED) {
            List<String> exposed = listeningHosts.stream().filter(h -> !loopback(h)).toList();
            if (!exposed.isEmpty()) {
                return Optional.of("authentication is disabled (H2REC_SECURITY_AUTH=disabled) but the service would "
                        + "listen on " + exposed + ": without authentication it listens on loopback only "
                        + "(H2REC_BIND_HOST=127.0.0.1)");
            }
        }
        return Optional.empty();
    }

    /** The hosts this process accepts connections on: HTTP unless a job turned it off, and gRPC where it runs. */
    static List<String> listeningHosts(Config config) {
        List<String> hosts = new ArrayList<>();
        if (config.getOptionalValue("quarkus.http.host-enabled", Boolean.class).orElse(true)) {
            hosts.add(config.getOptionalValue("quarkus.http.host", String.class).orElse("0.0.0.0"));
        }
        config.getOptionalValue("quarkus.grpc.server.host", String.class).ifPresent(hosts::add);
        return hosts;
    }

    static boolean loopback(String host) {
        String h = host.trim().toLowerCase(java.util.Locale.ROOT);
        return h.equals("localhost") || h.startsWith("127.") || h.equals("::1") || h.equals("[::1]");
    }
}
