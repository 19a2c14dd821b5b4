package io.h2rec.serving.security;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.h2rec.adapter.in.security.Roles;
import io.h2rec.adapter.in.security.SecurityConfig;
import io.h2rec.domain.model.Sha256;
import io.h2rec.domain.reliability.Durably;
import io.quarkus.grpc.GlobalInterceptor;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Bearer tokens on gRPC: every call carries {@code authorization: Bearer <JWT>} metadata, verified
 * with the same key and issuer as the HTTP APIs (SmallRye JWT). No or a bad token:
 * UNAUTHENTICATED; a method the token's roles do not allow — or one this table does not list:
 * PERMISSION_DENIED. Open: {@code grpc.health.v1}. Reflection (when configured on) needs any role.
 * A verified token is remembered until it expires or for {@value #RECHECK_MILLIS} ms, whichever comes first, so
 * ranking does not pay a signature check per call, and what the verifier would now refuse — a key a JWKS
 * location no longer serves after its refresh, a {@code smallrye.jwt.time-to-live} passed — is refused within a
 * minute on gRPC as on REST. (A PEM key file is read once at start, by REST and gRPC alike: rotating it needs a
 * restart.)
 */
@GlobalInterceptor
@Singleton   // no client proxy: the front door still answers while the container shuts down (ShutdownGate)
public class GrpcAuthInterceptor implements ServerInterceptor {
    private static final Logger LOG = Logger.getLogger(GrpcAuthInterceptor.class);
    static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    static final String RANKING = "h2rec.serving.v1.RankingService";
    /** Who may call which method; anything else is refused. */
    static final Map<String, Set<String>> ROLES = Map.of(
            RANKING + "/Rank", Set.of(Roles.RANKER),
            RANKING + "/RankBatch", Set.of(Roles.RANKER),
            RANKING + "/GetModel", Set.of(Roles.RANKER, Roles.VIEWER));
    static final Set<String> OPEN_SERVICES = Set.of("grpc.health.v1.Health");
    static final Set<String> ANY_ROLE_SERVICES = Set.of("grpc.reflection.v1alpha.ServerReflection",
            "grpc.reflection.v1.ServerReflection");
    static final int CACHE_SIZE = 10_000;
    /** How long a verified token is trusted before its signature is checked again (at most until it expires). */
    static final long RECHECK_MILLIS = 60_000;

    @Inject
    JWTParser parser;
    @Inject
    SecurityConfig security;
    @Inject
    ShutdownGate gate;

    LongSupplier clock = System::currentTimeMillis;

    private final Map<String, Caller> verified = new ConcurrentHashMap<>();

    /** A verified caller, trusted without a new signature check until {@code recheckAtMillis}. */
    record Caller(String name, Set<String> roles, long recheckAtMillis) {
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                      ServerCallHandler<Q, R> next) {
        if (gate.closed()) {
            return refuse(call, Status.UNAVAILABLE.withDescription(ShutdownGate.SHUTTING_DOWN));
        }
        String service = call.getMethodDescriptor().getServiceName();
        if (OPEN_SERVICES.contains(service)) {
            return next.startCall(call, headers);
        }
        Set<String> allowed = ANY_ROLE_SERVICES.contains(service) ? Set.copyOf(Roles.ALL)
                : ROLES.get(call.getMethodDescriptor().getFullMethodName());
        Caller caller;
        try {
            caller = security.auth() == SecurityConfig.Auth.DISABLED
                    ? new Caller("local-developer", Set.copyOf(Roles.ALL), Long.MAX_VALUE) : caller(headers.get(AUTHORIZATION));
        } catch (RuntimeException verifierFailed) {
            // Not the caller's fault (a token that does not verify is a ParseException): the verifier itself failed.
            String errorId = Durably.errorId();
            LOG.warnf(verifierFailed, "error %s: a token could not be verified", errorId);
            return refuse(call, Status.UNAVAILABLE.withDescription("serving could not verify the token (error "
                    + errorId + "): retry"));
        }
        if (caller == null) {
            return refuse(call, Status.UNAUTHENTICATED.withDescription(
                    "a valid bearer token is required: metadata 'authorization: Bearer <JWT>'"));
        }
        if (allowed == null || Collections.disjoint(allowed, caller.roles())) {
            return refuse(call, Status.PERMISSION_DENIED.withDescription(call.getMethodDescriptor().getFullMethodName()
                    + " needs one of the roles " + (allowed == null ? "[]" : new java.util.TreeSet<>(allowed))));
        }
        return next.startCall(call, headers);
    }

    /** The verified caller of this header, or null when there is none or it does not verify. */
    Caller caller(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = authorization.substring(7).trim();
        // Keyed by the token's SHA-256: an entry costs the same ~100 bytes whatever the token's size (a header may
        // carry 16 KiB, and a holder of one valid token must not fill the heap with textual variants that verify).
        // The hash costs ~0.7 µs for a 700-character token (JDK 17, warmed, this repo's 2-core machine, 2026-12-01),
        // under 0.1% of a ranking's ~0.76 CPU-ms.
        String key = Sha256.hex(token);
        long now = clock.getAsLong();
        Caller known = verified.get(key);
        if (known != null && known.recheckAtMillis() > now) {
            return known;
        }
        try {
            JsonWebToken jwt = parser.parse(token);
            Caller c = new Caller(jwt.getName(), jwt.getGroups() == null ? Set.of() : Set.copyOf(jwt.getGroups()),
                    Math.min(jwt.getExpirationTime() * 1000L, now + RECHECK_MILLIS));
            if (verified.size() >= CACHE_SIZE) {
                verified.clear();
            }
            verified.put(key, c);
            return c;
        } catch (ParseException e) {
            verified.remove(key);
            return null;
        }
    }

    private static <Q, R> ServerCall.Listener<Q> refuse(ServerCall<Q, R> call, Status status) {
        call.close(status, new Metadata());
        return new ServerCall.Listener<>() {
        };
    }
}
