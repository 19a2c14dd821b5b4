package io.h2rec.lab;

import java.util.Optional;

/**
 * The bearer tokens the lab's clients send, read from the environment where deploy/h2rec puts the
 * local ones: H2REC_TOKEN (ranker, for gRPC ranking), H2REC_OPERATOR_TOKEN (operator, to activate).
 */
final class BearerTokens {
    static final String RANKER = "H2REC_TOKEN";
    static final String OPERATOR = "H2REC_OPERATOR_TOKEN";

    private BearerTokens() {
    }

    /** "Bearer TOKEN" for the token in {@code variable}, or empty when it is unset or blank. */
    static Optional<String> authorization(String variable) {
        String token = System.getenv(variable);
        return token == null || token.isBlank() ? Optional.empty() : Optional.of("Bearer " + token.trim());
    }
}
