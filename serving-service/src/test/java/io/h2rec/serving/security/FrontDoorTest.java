package io.h2rec.serving.security;

import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.Status;
import io.h2rec.adapter.in.security.SecurityConfig;
import io.h2rec.proto.serving.v1.RankRequest;
import io.h2rec.proto.serving.v1.RankResponse;
import io.h2rec.proto.serving.v1.RankingServiceGrpc;
import io.smallrye.jwt.auth.principal.JWTParser;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gRPC front door's answers when the process, not the caller, is at fault (an attack from outside,
 * 2026-12-01: calls during a shutdown were answered UNKNOWN with a Java exception's text, or UNAUTHENTICATED
 * with a valid token). No container: the interceptor is built by hand, the verifier stubbed.
 */
class FrontDoorTest {
    private static final Metadata.Key<String> AUTH = GrpcAuthInterceptor.AUTHORIZATION;

    @Test
    void aClosedGateAnswersUnavailableWithoutTouchingTheVerifierOrTheService() {
        AtomicBoolean verifierCalled = new AtomicBoolean();
        GrpcAuthInterceptor door = door(verifierCalled, null);
        door.gate.close();
        Recorded call = call(door, "Bearer x.y.z");
        assertEquals(Status.Code.UNAVAILABLE, call.status.get().getCode());
        assertEquals(ShutdownGate.SHUTTING_DOWN, call.status.get().getDescription());
        assertFalse(call.started.get(), "the service is not called");
        assertFalse(verifierCalled.get(), "nothing else is touched");
    }

    @Test
    void aVerifierThatFailsIsUnavailableNotUnauthenticated() {
        GrpcAuthInterceptor door = door(new AtomicBoolean(), new IllegalStateException("container gone"));
        Recorded call = call(door, "Bearer x.y.z");
        assertEquals(Status.Code.UNAVAILABLE, call.status.get().getCode());
        assertTrue(call.status.get().getDescription().startsWith("serving could not verify the token (error "),
                call.status.get().getDescription());
        assertFalse(call.status.get().getDescription().contains("container gone"), "no exception text to clients");
        assertFalse(call.started.get());
        // A token that does not verify stays the caller's fault.
        Recorded forged = call(door(new AtomicBoolean(), new io.smallrye.jwt.auth.principal.ParseException("bad")),
                "Bearer x.y.z");
        assertEquals(Status.Code.UNAUTHENTICATED, forged.status.get().getCode());
    }

    /**
     * A remembered token is checked again after a minute, so a token the verifier now refuses (here: it starts
     * refusing, as after a JWKS refresh without its key) is refused within a minute on gRPC, as on REST; before
     * that, one signature check serves every call.
     */
    @Test
    void aRememberedTokenIsCheckedAgainWithinAMinute() {
        AtomicLong now = new AtomicLong(1_000_000_000_000L);
        AtomicInteger parses = new AtomicInteger();
        AtomicBoolean rotated = new AtomicBoolean();
        GrpcAuthInterceptor door = door(now, () -> {
            parses.incrementAndGet();
            if (rotated.get()) {
                throw new io.smallrye.jwt.auth.principal.ParseException("signed with a key no longer trusted");
            }
            return token(now.get() / 1000 + 3600);
        });
        assertTrue(call(door, "Bearer a.b.c").started().get(), "served");
        now.addAndGet(GrpcAuthInterceptor.RECHECK_MILLIS - 1);
        rotated.set(true);
        assertTrue(call(door, "Bearer a.b.c").started().get(), "still remembered");
        assertEquals(1, parses.get(), "one signature check for both calls");
        now.addAndGet(2);
        assertEquals(Status.Code.UNAUTHENTICATED, call(door, "Bearer a.b.c").status.get().getCode());
        assertEquals(2, parses.get());
    }

    /** A token that expires before the minute is trusted only until it expires. */
    @Test
    void aTokenIsNeverRememberedPastItsExpiry() {
        AtomicLong now = new AtomicLong(1_000_000_000_000L);
        AtomicInteger parses = new AtomicInteger();
        GrpcAuthInterceptor door = door(now, () -> {
            if (parses.incrementAndGet() > 1) {
                throw new io.smallrye.jwt.auth.principal.ParseException("expired");
            }
            return token(now.get() / 1000 + 10);
        });
        assertTrue(call(door, "Bearer a.b.c").started().get(), "served");
        now.addAndGet(10_001);
        assertEquals(Status.Code.UNAUTHENTICATED, call(door, "Bearer a.b.c").status.get().getCode());
    }

    /** What the stubbed verifier does with any token: return it verified, or throw. */
    interface Verifier {
        JsonWebToken parse() throws Exception;
    }

    /** A front door on a clock the test moves, whose verifier is {@code verifier}. */
    private static GrpcAuthInterceptor door(AtomicLong now, Verifier verifier) {
        GrpcAuthInterceptor door = new GrpcAuthInterceptor();
        door.gate = new ShutdownGate();
        door.security = () -> SecurityConfig.Auth.REQUIRED;
        door.clock = now::get;
        door.parser = (JWTParser) Proxy.newProxyInstance(JWTParser.class.getClassLoader(),
                new Class<?>[] {JWTParser.class}, (proxy, method, args) -> verifier.parse());
        return door;
    }

    /** A verified ranker's token expiring at {@code exp} (seconds). */
    private static JsonWebToken token(long exp) {
        return (JsonWebToken) Proxy.newProxyInstance(JsonWebToken.class.getClassLoader(),
                new Class<?>[] {JsonWebToken.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getName" -> "test-ranker";
                    case "getGroups" -> Set.of(io.h2rec.adapter.in.security.Roles.RANKER);
                    case "getExpirationTime" -> exp;
                    default -> null;
                });
    }

    private static GrpcAuthInterceptor door(AtomicBoolean verifierCalled, Exception failure) {
        GrpcAuthInterceptor door = new GrpcAuthInterceptor();
        door.gate = new ShutdownGate();
        door.security = () -> SecurityConfig.Auth.REQUIRED;
        door.parser = (JWTParser) Proxy.newProxyInstance(JWTParser.class.getClassLoader(),
                new Class<?>[] {JWTParser.class}, (proxy, method, args) -> {
                    verifierCalled.set(true);
                    throw failure;
                });
        return door;
    }

    record Recorded(AtomicReference<Status> status, AtomicBoolean started) {
    }

    private static Recorded call(GrpcAuthInterceptor door, String authorization) {
        AtomicReference<Status> status = new AtomicReference<>();
        AtomicBoolean started = new AtomicBoolean();
        MethodDescriptor<RankRequest, RankResponse> method = RankingServiceGrpc.getRankMethod();
        ServerCall<RankRequest, RankResponse> call = new ServerCall<>() {
            @Override
            public void request(int numMessages) {
            }

            @Override
            public void sendHeaders(Metadata headers) {
            }

            @Override
            public void sendMessage(RankResponse message) {
            }

            @Override
            public void close(Status s, Metadata trailers) {
                status.set(s);
            }

            @Override
            public boolean isCancelled() {
                return false;
            }

            @Override
            public MethodDescriptor<RankRequest, RankResponse> getMethodDescriptor() {
                return method;
            }
        };
        Metadata headers = new Metadata();
        headers.put(AUTH, authorization);
        door.interceptCall(call, headers, (c, h) -> {
            started.set(true);
            return new ServerCall.Listener<>() {
            };
        });
        return new Recorded(status, started);
    }
}
