package io.h2rec.adapter.in.security;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.h2rec.adapter.in.security.SecurityConfig.Auth.DISABLED;
import static io.h2rec.adapter.in.security.SecurityConfig.Auth.REQUIRED;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Secure by default: when a service may start (issue 18). */
class AuthStartupCheckTest {
    @Test
    void aListeningServiceWithoutAKeyRefusesToStart() {
        assertTrue(AuthStartupCheck.refusal(REQUIRED, false, List.of("127.0.0.1")).orElseThrow()
                .contains("H2REC_JWT_PUBLIC_KEY"));
        assertFalse(AuthStartupCheck.refusal(REQUIRED, true, List.of("0.0.0.0", "0.0.0.0")).isPresent());
    }

    @Test
    void disabledAuthenticationIsForLoopbackOnly() {
        assertFalse(AuthStartupCheck.refusal(DISABLED, false, List.of("127.0.0.1", "localhost")).isPresent());
        assertTrue(AuthStartupCheck.refusal(DISABLED, false, List.of("127.0.0.1", "0.0.0.0")).orElseThrow()
                .contains("[0.0.0.0]"));
        assertTrue(AuthStartupCheck.refusal(DISABLED, true, List.of("10.1.2.3")).isPresent());
    }

    @Test
    void aJobThatListensOnNothingNeedsNoKey() {
        assertFalse(AuthStartupCheck.refusal(REQUIRED, false, List.of()).isPresent());
    }
}
