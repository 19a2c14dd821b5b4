package io.h2rec.serving.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Serving's meters, scraped at /q/metrics (Prometheus format; docs/serving.md, "Metrics"):
 * ranking latency (histogram, from arrival to answer), queue depth and limit, micro-batch sizes,
 * refusals by reason, the measured capacity and the active model version.
 */
@ApplicationScoped
public class ServingMetrics {
    /** Every reason a request is answered without a ranking, so each series exists from the start. */
    public static final String[] REASONS = {"queue_full", "deadline", "expired", "invalid_argument", "invalid_bytes",
            "unavailable", "internal"};

    @Inject
    MeterRegistry registry;

    private Timer latency;
    private DistributionSummary batches;
    private final Map<String, Counter> rejections = new ConcurrentHashMap<>();

    @PostConstruct
    void init() {
        latency = Timer.builder("h2rec.serving.rank.latency")
                .description("Rank and RankBatch calls answered with rankings, from arrival to answer")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofNanos(100_000))
                .maximumExpectedValue(Duration.ofSeconds(5)).register(registry);
        batches = DistributionSummary.builder("h2rec.serving.batch.size")
                .description("Requests scored together by one worker (micro-batch size)")
                .serviceLevelObjectives(1, 2, 4, 8, 16, 32, 64, 128, 256).register(registry);
        for (String reason : REASONS) {
            rejection(reason);
        }
    }

    /** A call answered with rankings {@code nanos} after it arrived. */
    public void answered(long nanos) {
        latency.record(nanos, TimeUnit.NANOSECONDS);
    }

    public void batch(int size) {
        batches.record(size);
    }

    /** A request answered without a ranking, for this reason (one of {@link #REASONS}). */
    public void rejected(String reason) {
        rejection(reason).increment();
    }

    private Counter rejection(String reason) {
        return rejections.computeIfAbsent(reason, r -> Counter.builder("h2rec.serving.rejections")
                .description("Requests answered without a ranking, by reason").tag("reason", r).register(registry));
    }

    /** A gauge read at every scrape. */
    public void gauge(String name, String description, Supplier<Number> value) {
        Gauge.builder(name, value).description(description).register(registry);
    }
}
