package io.h2rec.domain.port.out;

import io.h2rec.domain.model.AuditEntry;

import java.time.Instant;
import java.util.List;

/** The append-only audit trail of API writes. */
public interface AuditLog {
    /** Appends an entry ({@code id} and {@code at} of the argument are ignored: the store assigns them). */
    void record(AuditEntry entry);

    /** Entries at or after {@code since} (all when null), newest first, at most {@code limit}. */
    List<AuditEntry> recent(Instant since, int limit);
}
