package io.h2rec.domain.service;

import io.h2rec.domain.model.ConfigHash;

import io.h2rec.domain.model.EvaluationProtocol;
import io.h2rec.domain.model.SplitProtocol;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class ConfigHashTest {
    /** A line of the committed ledger (docs/results/runs/Beauty.jsonl): popular, seed 42, run 30. */
    private static final String BEAUTY_FINGERPRINT = "5c939ff2f9177687b755d904ccb3652e3968a1ed119eb55b33f406f33ce16225";
    private static final String BEAUTY_POPULAR_42 = "658e4e88ffb6e3a8b305b6422df7848b7ea034999bccc0589508560ee00bd248";

    @Test
    void leaveOneOutKeepsTheCommittedLedgersKeys() {
        assertEquals(BEAUTY_POPULAR_42, ConfigHash.portable(BEAUTY_FINGERPRINT, null, "popular", Map.of(), 42,
                EvaluationProtocol.DEFAULT, SplitProtocol.LEAVE_ONE_OUT));
        assertEquals(BEAUTY_POPULAR_42, ConfigHash.portable(BEAUTY_FINGERPRINT, null, "popular", Map.of(), 42,
                EvaluationProtocol.DEFAULT, null));
    }

    @Test
    void aTemporalSplitIsPartOfTheIdentity() {
        String q = ConfigHash.portable(BEAUTY_FINGERPRINT, null, "popular", Map.of(), 42, EvaluationProtocol.DEFAULT,
                SplitProtocol.temporal(0.8, 0.9));
        String other = ConfigHash.portable(BEAUTY_FINGERPRINT, null, "popular", Map.of(), 42,
                EvaluationProtocol.DEFAULT, SplitProtocol.temporal(0.7, 0.9));
        assertNotEquals(BEAUTY_POPULAR_42, q);
        assertNotEquals(q, other);
        assertEquals(q, ConfigHash.portable(BEAUTY_FINGERPRINT, null, "popular", Map.of(), 42,
                EvaluationProtocol.DEFAULT, SplitProtocol.parse("temporal:0.8,0.9")));
    }
}
