package io.h2rec.serving.security;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.h2rec.adapter.in.security.Roles;
import io.h2rec.testing.TestTokens;
import jakarta.enterprise.context.ApplicationScoped;

/** Test clients' calls carry a ranker (and viewer) token: {@code @RegisterClientInterceptor(RankerCredentials.class)}. */
@ApplicationScoped
public class RankerCredentials implements ClientInterceptor {
    private final String bearer = TestTokens.bearer(Roles.RANKER, Roles.VIEWER);

    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
            @Override
            public void start(Listener<R> listener, Metadata headers) {
                headers.put(GrpcAuthInterceptor.AUTHORIZATION, bearer);
                super.start(listener, headers);
            }
        };
    }
}
