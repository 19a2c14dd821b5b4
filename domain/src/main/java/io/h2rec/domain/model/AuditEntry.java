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
 * @param repeats how many such writes the row stands for: 1, except for anonymous failed writes (status 400 or
 *                above without a valid token), whose repeats of one action from one peer address are folded into
 *                one row a window
 */
public record AuditEntry(long id, Instant at, String service, String actor, String roles, String action,
                         String remote, int status, int repeats) {
    public AuditEntry {
        if (repeats < 1) {
            throw new IllegalArgumentException("an audit row stands for at least one write, not " + repeats);
        }
    }
}
