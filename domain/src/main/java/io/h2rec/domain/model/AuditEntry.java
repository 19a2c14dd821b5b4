package io.h2rec.domain.model;

import java.time.Instant;

/**
 * One write to a service API, as the audit trail keeps it (issue 18).
 *
 * @param actor   who: the bearer token's subject ("anonymous" when no valid token came)
 * @param roles   the caller's roles, comma-separated
 * @param action  what: method and path, e.g. "POST /api/v1/models/3/activate"
 * @param remote  from where: the peer address (and any X-Forwarded-For it sent)
 * @param status  the outcome: the HTTP status answered
 */
public record AuditEntry(long id, Instant at, String service, String actor, String roles, String action,
                         String remote, int status) {
}
