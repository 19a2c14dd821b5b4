package io.h2rec.domain.model;

import java.time.Instant;

/** A model version made active: which, when and by whom. The version serving at time t is the latest activation at or before t. */
public record ModelActivation(long id, long modelVersionId, Instant activatedAt, String activatedBy) {
}
