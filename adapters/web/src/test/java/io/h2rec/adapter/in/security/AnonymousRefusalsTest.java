package io.h2rec.adapter.in.security;

import io.h2rec.domain.model.AuditEntry;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Folding anonymous refusals: the first of a kind at once, its repeats as one row when the window ends. */
class AnonymousRefusalsTest {
    private static final Instant NOW = Instant.parse("2026-12-02T03:00:00Z");

    private static AuditEntry entry(String actor, String action, String remote, int status) {
        return new AuditEntry(0, NOW, "training-service", actor, "", action, remote, status, 1);
    }

    private static AuditEntry refusal(String action, String remote, int status) {
        return entry(AuditTrail.ANONYMOUS, action, remote, status);
    }

    @Test
    void onlyAnonymousFailedWritesAreFolded() {
        assertTrue(AnonymousRefusals.folds(refusal("POST /a", "10.0.0.1", 401)));
        assertTrue(AnonymousRefusals.folds(refusal("POST /a", "10.0.0.1", 403)));
        // An open path (/q/health/...) answers an anonymous flood 404 or 405: folded too.
        assertTrue(AnonymousRefusals.folds(refusal("POST /q/health/xyz", "10.0.0.1", 404)));
        // Auth disabled for local development: anonymous writes that were answered are changes, each its own row.
        assertFalse(AnonymousRefusals.folds(refusal("POST /a", "10.0.0.1", 201)));
        assertFalse(AnonymousRefusals.folds(refusal("POST /a", "10.0.0.1", 302)));
        assertFalse(AnonymousRefusals.folds(entry("alice", "POST /a", "10.0.0.1", 403)));
    }

    /** X-Forwarded-For costs nothing to vary: one peer is one kind, shown with the first header it sent. */
    @Test
    void varyingForwardedForIsStillOneKind() {
        AnonymousRefusals folded = new AnonymousRefusals();
        assertTrue(folded.firstOfItsKind(refusal("POST /a", "10.0.0.1 (X-Forwarded-For: 1.1.1.1)", 401)));
        for (int i = 0; i < 3; i++) {
            assertFalse(folded.firstOfItsKind(refusal("POST /a", "10.0.0.1 (X-Forwarded-For: 2.2.2." + i + ")", 401)));
        }
        assertFalse(folded.firstOfItsKind(refusal("POST /a", "10.0.0.1", 401)));
        assertEquals(List.of(new AuditEntry(0, NOW, "training-service", "anonymous", "", "POST /a",
                "10.0.0.1 (X-Forwarded-For: 1.1.1.1)", 401, 4)), folded.flush("training-service", NOW));
    }

    @Test
    void aFloodOfOneKindIsTwoRowsAWindow() {
        AnonymousRefusals folded = new AnonymousRefusals();
        // 5 x (POST /a from .1, 401), 2 x (POST /a from .2, 401), 1 x (POST /a from .1, 403), 1 x (POST /b from .1, 401)
        boolean[] first = new boolean[9];
        first[0] = folded.firstOfItsKind(refusal("POST /a", "10.0.0.1", 401));
        for (int i = 1; i < 5; i++) {
            first[i] = folded.firstOfItsKind(refusal("POST /a", "10.0.0.1", 401));
        }
        first[5] = folded.firstOfItsKind(refusal("POST /a", "10.0.0.2", 401));
        first[6] = folded.firstOfItsKind(refusal("POST /a", "10.0.0.2", 401));
        first[7] = folded.firstOfItsKind(refusal("POST /a", "10.0.0.1", 403));
        first[8] = folded.firstOfItsKind(refusal("POST /b", "10.0.0.1", 401));
        assertEquals("[true, false, false, false, false, true, false, true, true]", java.util.Arrays.toString(first));

        List<AuditEntry> rows = folded.flush("training-service", NOW);
        // Written at once: 4 rows (one per kind); at the window's end: the kinds that repeated, with their counts.
        assertEquals(2, rows.size(), rows.toString());
        assertEquals(new AuditEntry(0, NOW, "training-service", "anonymous", "", "POST /a", "10.0.0.1", 401, 4), rows.get(0));
        assertEquals(new AuditEntry(0, NOW, "training-service", "anonymous", "", "POST /a", "10.0.0.2", 401, 1), rows.get(1));

        // A new window: the next refusal of a kind seen before is written at once again.
        assertTrue(folded.firstOfItsKind(refusal("POST /a", "10.0.0.1", 401)));
        assertEquals(List.of(), folded.flush("training-service", NOW));
    }

    @Test
    void kindsBeyondTheBoundAreCountedPerStatusInOneRow() {
        AnonymousRefusals folded = new AnonymousRefusals();
        for (int i = 0; i < AnonymousRefusals.MAX_KINDS; i++) {
            assertTrue(folded.firstOfItsKind(refusal("POST /x/" + i, "10.0.0.1", 401)));
        }
        for (int i = 0; i < 7; i++) {
            assertFalse(folded.firstOfItsKind(refusal("POST /y/" + i, "10.0.0.1", 401)));
        }
        assertFalse(folded.firstOfItsKind(refusal("POST /z", "10.0.0.9", 403)));
        List<AuditEntry> rows = folded.flush("training-service", NOW);
        assertEquals(2, rows.size(), rows.toString());
        assertEquals(AnonymousRefusals.OTHER_KINDS, rows.get(0).action());
        assertEquals(401, rows.get(0).status());
        assertEquals(7, rows.get(0).repeats());
        assertEquals(403, rows.get(1).status());
        assertEquals(1, rows.get(1).repeats());
    }
}
