package io.h2rec.domain.model;

import io.h2rec.domain.error.InvalidInputException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SplitProtocolTest {
    @Test
    void parsesWhatItWrites() {
        assertEquals(SplitProtocol.LEAVE_ONE_OUT, SplitProtocol.parse("leave-one-out"));
        assertEquals(SplitProtocol.temporal(0.8, 0.9), SplitProtocol.parse(" Temporal "));
        SplitProtocol q = SplitProtocol.parse("temporal:0.7,0.85");
        assertTrue(q.quantiles());
        assertEquals("temporal:0.7,0.85", q.canonical());
        SplitProtocol t = SplitProtocol.parse("temporal:889000000,891000000");
        assertFalse(t.quantiles());
        assertEquals("temporal:889000000,891000000", t.canonical());
        for (SplitProtocol p : new SplitProtocol[] {SplitProtocol.LEAVE_ONE_OUT, q, t}) {
            assertEquals(p, SplitProtocol.parse(p.canonical()));
        }
        // Leave-one-out has no cut points, whatever is passed.
        assertEquals(SplitProtocol.LEAVE_ONE_OUT, new SplitProtocol(SplitProtocol.Kind.LEAVE_ONE_OUT, 3, 4));
        assertEquals(SplitProtocol.LEAVE_ONE_OUT, new SplitProtocol(null, 0, 0));
    }

    @Test
    void refusesCutsOutOfOrderOrOfMixedKinds() {
        for (String bad : new String[] {"temporal:0.9,0.8", "temporal:0,0.5", "temporal:0.5,5", "temporal:1.5,2",
                "temporal:2,1", "temporal:5,1e12", "temporal:x,y", "temporal:0.5", "temporal:NaN,0.5", "random", "",
                "temporal:0.8,0.9,1"}) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> SplitProtocol.parse(bad),
                    bad);
            assertTrue(e.getMessage().contains("t1") || e.getMessage().contains("unknown split"), e.getMessage());
        }
        assertThrows(InvalidInputException.class, () -> SplitProtocol.parse(null));
        String longInput = "x".repeat(10_000);
        assertTrue(assertThrows(InvalidInputException.class, () -> SplitProtocol.parse(longInput)).getMessage()
                .length() < 500);
    }
}
