package io.h2rec.quantizer.metrics;

import io.h2rec.quantizer.jobs.QuantizationJob;
import io.h2rec.quantizer.jobs.QuantizationJobs;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.List;

/**
 * {@code h2rec_quantizer_jobs{state=...}} at /q/metrics: quantization jobs by state, as the jobs
 * API lists them (docs/serving.md, "Metrics").
 */
@ApplicationScoped
public class JobStateGauges {
    /** The states a job passes through (QuantizationJob.state). */
    static final List<String> STATES = List.of("QUEUED", "RUNNING", "SUCCEEDED", "FAILED", "CANCELLED");

    @Inject
    QuantizationJobs jobs;
    @Inject
    MeterRegistry registry;

    void onStart(@Observes StartupEvent event) {
        for (String state : STATES) {
            Gauge.builder("h2rec.quantizer.jobs", () -> jobs.list().stream().map(QuantizationJob::state)
                            .filter(state::equals).count())
                    .description("Quantization jobs by state").tag("state", state).register(registry);
        }
    }
}
