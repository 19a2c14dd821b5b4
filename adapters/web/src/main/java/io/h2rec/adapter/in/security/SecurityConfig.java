package io.h2rec.adapter.in.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code h2rec.security.*}: how the service authenticates its callers (docs/security.md). */
@ConfigMapping(prefix = "h2rec.security")
public interface SecurityConfig {
    /**
     * {@code required} (the default): every API call carries a bearer token signed by the configured
     * key ({@code H2REC_JWT_PUBLIC_KEY}), and a service without a key refuses to start.
     * {@code disabled}: no authentication, every caller has every role — local development only, and
     * refused unless the service listens on loopback alone ({@code H2REC_SECURITY_AUTH=disabled}).
     */
    @WithDefault("required")
    Auth auth();

    enum Auth {
        REQUIRED, DISABLED
    }
}
