package io.h2rec.adapter.in.rest;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.smallrye.jwt.runtime.auth.JWTAuthMechanism;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.Set;

/**
 * The bearer-token mechanism (SmallRye JWT's, to which everything is delegated) with one change: a request
 * without a token that a path needs is challenged with the 401 problem of {@link ProblemMapper} instead of an
 * empty body. Quarkus sends that challenge from its HTTP security policy, where no exception mapper or route
 * failure handler sees it; a delegating mechanism is the customisation its guide "Security tips and tricks"
 * describes.
 */
@Alternative
@Priority(1)
@Singleton
public class ProblemChallenge implements HttpAuthenticationMechanism {
    @Inject
    JWTAuthMechanism delegate;

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        return delegate.authenticate(context, identityProviderManager);
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return delegate.getChallenge(context);
    }

    @Override
    public Uni<Boolean> sendChallenge(RoutingContext context) {
        return Uni.createFrom().item(() -> {   // the problem carries the challenge header itself
            AuthenticationProblems.send(context, ProblemMapper.unauthorized(context.request().path()));
            return true;
        });
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return delegate.getCredentialTypes();
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return delegate.getCredentialTransport(context);
    }

    @Override
    public int getPriority() {
        return delegate.getPriority();
    }
}
