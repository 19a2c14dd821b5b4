package io.h2rec.quantizer.metrics;

import io.h2rec.domain.model.RunStatus;
import io.h2rec.domain.port.out.QuantizationJobStore;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.EnumMap;
import java.util.Map;

/**
 * {@code h2rec_quantizer_jobs{state=...}} at /q/metrics: quantization jobs by state, read through the
 * QuantizationJobStore port at most every 5 s however often Prometheus scrapes (docs/serving.md,
 * "Metrics").
 */
@ApplicationScoped
public class JobStateGauges {
    private static final long FRESH_NANOS = 5_000_000_000L;

    @Inject
    QuantizationJobStore jobs;
    @Inject
    MeterRegistry registry;

    private Map<RunStatus, Integer> counts = new EnumMap<>(RunStatus.class);
    private long readAt = Long.MIN_VALUE;

    void onStart(@Observes StartupEvent event) {
        for (RunStatus s : RunStatus.values()) {
            Gauge.builder("h2rec.quantizer.jobs", () -> count(s)).description("Quantization jobs by state")
                    .tag("state", s.name()).register(registry);
        }
    }

    private synchronized int count(RunStatus s) {
        if (System.nanoTime() - readAt > FRESH_NANOS) {
            Map<RunStatus, Integer> fresh = new EnumMap<>(RunStatus.class);
            for (RunStatus each : RunStatus.values()) {
                fresh.put(each, jobs.findByState(each).size());
            }
            counts = fresh;
            readAt = System.nanoTime();
        }
        return counts.getOrDefault(s, 0);
    }
}
