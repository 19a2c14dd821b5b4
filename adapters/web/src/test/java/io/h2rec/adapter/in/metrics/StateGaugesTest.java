package io.h2rec.adapter.in.metrics;

import io.h2rec.domain.model.RunStatus;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class StateGaugesTest {
    @Test
    void oneSeriesPerStateWithTheCountsOfTheFirstScrape() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        StateGauges.register(new StateGauge("h2rec.test.rows", "Rows by state", s -> s.ordinal() * 10), registry);
        for (RunStatus s : RunStatus.values()) {
            assertEquals(s.ordinal() * 10, registry.get("h2rec.test.rows").tag("state", s.name()).gauge().value(),
                    s.name());
        }
        assertEquals(RunStatus.values().length, registry.find("h2rec.test.rows").gauges().size());
    }
}
