package io.h2rec.adapter.in.security;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The audit queue's bound: a flood of anonymous refusals cannot crowd out identified callers' rows. */
class AuditTrailTest {
    @Test
    void anonymousRefusalsFillHalfTheQueueIdentifiedCallersAllOfIt() {
        int half = AuditTrail.QUEUE / 2;
        assertTrue(AuditTrail.admit(true, half - 1));
        assertFalse(AuditTrail.admit(true, half), "anonymous entries stop at half the queue");
        assertTrue(AuditTrail.admit(false, half), "an identified caller's entry still fits");
        assertTrue(AuditTrail.admit(false, AuditTrail.QUEUE - 1));
        assertFalse(AuditTrail.admit(false, AuditTrail.QUEUE), "nothing beyond the bound");
    }
}
