package io.h2rec.wiring;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A run's setting as a report names it: what its resolved config changes from its model's defaults. */
class ModelCheckTest {
    @Test
    void changesAreTheResolvedValuesThatDifferFromTheDefaults() {
        Map<String, String> config = new HashMap<>(Map.of("hidden", "128", "lambda_item", "0.1", "engine", "0"));
        assertEquals(Map.of("hidden", "128"), ModelCheck.changes("h2rec", config));
        assertEquals(Map.of(), ModelCheck.changes("sasrec", Map.of("loss", "ce", "engine", "1")));
        assertEquals(Map.of("loss", "bce"), ModelCheck.changes("sasrec", Map.of("loss", "bce")));
    }
}
