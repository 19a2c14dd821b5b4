package io.h2rec.adapter.in.security;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Set;

/**
 * With authentication disabled (local development, loopback only: {@link AuthStartupCheck}) every
 * caller, token or not, is {@value #NAME} with every role, so the same role checks run either way.
 */
@ApplicationScoped
public class LocalDevelopmentIdentity implements SecurityIdentityAugmentor {
    public static final String NAME = "local-developer";

    @Inject
    SecurityConfig config;

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (config.auth() != SecurityConfig.Auth.DISABLED) {
            return Uni.createFrom().item(identity);
        }
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(NAME))
                .addRoles(Set.copyOf(Roles.ALL)).setAnonymous(false).build());
    }
}
