package io.h2rec.domain.port.in;

import io.h2rec.domain.model.AuditEntry;

import java.time.Instant;
import java.util.List;

/** Reads of the audit trail of every service's API writes. */
public interface QueryAuditTrailUseCase {
    /** Entries at or after {@code since} (all when null), newest first, at most {@code limit}. */
    List<AuditEntry> recent(Instant since, int limit);
}
