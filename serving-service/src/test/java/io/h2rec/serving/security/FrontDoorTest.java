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
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicBoolean;
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
