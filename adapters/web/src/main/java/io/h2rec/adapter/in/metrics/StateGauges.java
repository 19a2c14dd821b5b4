package io.h2rec.adapter.in.metrics;

import io.h2rec.domain.model.RunStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.util.EnumMap;
import java.util.Map;

/**
 * Registers every {@link StateGauge} a service produces (training: runs, quantizer: jobs) with its
 * meter registry. Each kind's counts are read together, at most every 5 s however often Prometheus
 * scrapes (docs/serving.md, "Metrics").
 */
@ApplicationScoped
public class StateGauges {
    private static final long FRESH_NANOS = 5_000_000_000L;

    @Inject
    Instance<StateGauge> gauges;
    @Inject
    Instance<MeterRegistry> registry;

    void onStart(@Observes StartupEvent event) {
        if (!registry.isResolvable()) {
            return;
        }
        for (StateGauge gauge : gauges) {
            register(gauge, registry.get());
        }
    }

    static void register(StateGauge gauge, MeterRegistry registry) {
        Counts counts = new Counts(gauge);
        for (RunStatus s : RunStatus.values()) {
            Gauge.builder(gauge.name(), () -> counts.of(s)).description(gauge.description())
                    .tag("state", s.name()).register(registry);
        }
    }

    /** One kind's counts by state, kept for FRESH_NANOS. */
    private static final class Counts {
        private final StateGauge gauge;
        private Map<RunStatus, Integer> counts;
        private long readAt;

        Counts(StateGauge gauge) {
            this.gauge = gauge;
        }

        synchronized int of(RunStatus s) {
            if (counts == null || System.nanoTime() - readAt > FRESH_NANOS) {
                Map<RunStatus, Integer> fresh = new EnumMap<>(RunStatus.class);
                for (RunStatus each : RunStatus.values()) {
                    fresh.put(each, gauge.count().applyAsInt(each));
                }
                counts = fresh;
                readAt = System.nanoTime();
            }
            return counts.getOrDefault(s, 0);
        }
    }
}
