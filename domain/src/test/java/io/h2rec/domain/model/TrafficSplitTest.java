package io.h2rec.domain.model;

import io.h2rec.domain.error.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrafficSplitTest {
    @Test
    void routesAreKeptInAliasOrderWhateverOrderTheyCameIn() {
        Map<String, Integer> given = new LinkedHashMap<>();
        given.put("champion", 90);
        given.put("challenger", 10);
        TrafficSplit split = TrafficSplit.of("default", given);
        assertEquals(List.of(new TrafficSplit.Route("challenger", 10), new TrafficSplit.Route("champion", 90)),
                split.routes());
        assertEquals(100, split.totalWeight());
        assertEquals("challenger=10, champion=90", split.describe());
    }

    @Test
    void everyBadSplitNamesItsField() {
        assertField("routes", () -> TrafficSplit.of("default", Map.of()));
        assertField("routes", () -> TrafficSplit.of("default", null));
        assertField("routes", () -> TrafficSplit.of("default", Map.of("a", 1, "b", 1, "c", 1, "d", 1, "e", 1)));
        assertField("routes", () -> TrafficSplit.of("default", Map.of("a", 0, "b", 0)));
        assertField("routes.a", () -> TrafficSplit.of("default", Map.of("a", -1)));
        assertField("routes.a", () -> TrafficSplit.of("default", Map.of("a", 10_001)));
        assertField("routes.Champion", () -> TrafficSplit.of("default", Map.of("Champion", 1)));
        assertField("routes.active", () -> TrafficSplit.of("default", Map.of("active", 1)));
        assertField("deployment", () -> TrafficSplit.of("no spaces", Map.of("a", 1)));
        Map<String, Integer> missing = new LinkedHashMap<>();
        missing.put("a", null);
        assertField("routes.a", () -> TrafficSplit.of("default", missing));
    }

    @Test
    void namesAreShortLowerCaseAndNotReserved() {
        assertEquals("champion-2_b", ModelAlias.checkName("alias", "champion-2_b"));
        assertField("alias", () -> ModelAlias.checkName("alias", "x".repeat(64)));
        assertField("alias", () -> ModelAlias.checkName("alias", "2nd"));
        assertField("alias", () -> ModelAlias.checkName("alias", null));
        InvalidInputException pinned = assertThrows(InvalidInputException.class,
                () -> ModelAlias.checkName("alias", ModelAlias.PINNED));
        assertTrue(pinned.getMessage().contains("reserved"), pinned.getMessage());
    }

    private static void assertField(String field, Runnable call) {
        InvalidInputException e = assertThrows(InvalidInputException.class, call::run);
        assertEquals(field, e.field(), e.getMessage());
    }
}
