package io.h2rec.domain.model;

import java.time.Instant;

/**
 * One change of an alias or a deployment, as the change log keeps it (written in the change's own
 * transaction; the audit trail has the HTTP call that made it). Each row states the whole new value,
 * so the state at time t is the latest row per subject at or before t.
 *
 * @param subject "alias champion" or "deployment default"
 * @param change  the new value, e.g. "model version 7 (was 5)", "challenger=10, champion=90", "deleted"
 */
public record DeploymentChange(long id, Instant at, String actor, String subject, String change) {
}
