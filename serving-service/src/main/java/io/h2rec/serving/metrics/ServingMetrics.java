package io.h2rec.serving.metrics;

import io.h2rec.domain.model.RetrievalState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
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
 * refusals by reason, the measured capacity and the active model version; per variant of a traffic
 * split (alias and version): requests, latency and popularity fallbacks; per loaded version, its
 * retrieval path and index state.
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
    private final Map<String, Variant> variants = new ConcurrentHashMap<>();
    private MultiGauge retrieval;

    /** The meters of one variant: an alias and the version it pointed at (a move starts new series). */
    public record Variant(Counter requests, Timer latency, Counter fallbacks) {
        /** A request this variant answered {@code nanos} after it arrived; {@code fallback}: ranked by popularity. */
        public void answered(long nanos, boolean fallback) {
            requests.increment();
            latency.record(nanos, TimeUnit.NANOSECONDS);
            if (fallback) {
                fallbacks.increment();
            }
        }
    }

    @PostConstruct
    void init() {
        latency = latency("h2rec.serving.rank.latency",
                "Rank and RankBatch calls answered with rankings, from arrival to answer");
        batches = DistributionSummary.builder("h2rec.serving.batch.size")
                .description("Requests scored together by one worker (micro-batch size)")
                .serviceLevelObjectives(1, 2, 4, 8, 16, 32, 64, 128, 256).register(registry);
        for (String reason : REASONS) {
            rejection(reason);
        }
        retrieval = MultiGauge.builder("h2rec.serving.retrieval").description("1 per loaded version: the path its "
                + "whole-catalogue rankings take (exact, hnsw) and its candidate index's state (none, building, ready, "
                + "failed)").register(registry);
    }

    /** The retrieval path and index state of every loaded version, replacing the previous ones. */
    public void retrieval(Map<Long, RetrievalState> byVersion) {
        retrieval.register(byVersion.entrySet().stream().map(e -> MultiGauge.Row.of(Tags.of("version",
                String.valueOf(e.getKey()), "path", e.getValue().path(), "state", e.getValue().status().key()), 1))
                .toList(), true);
    }

    /** A latency histogram from 0.1 ms to 5 s. */
    private Timer latency(String name, String description, String... tags) {
        return Timer.builder(name).description(description).tags(tags).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(100_000)).maximumExpectedValue(Duration.ofSeconds(5))
                .register(registry);
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

    /** The meters of this alias and version, registered on first use (serving does so when it routes to them). */
    public Variant variant(String alias, long version) {
        return variants.computeIfAbsent(alias + "/" + version, key -> {
            String v = String.valueOf(version);
            return new Variant(Counter.builder("h2rec.serving.variant.requests")
                    .description("Rankings answered per variant (alias and version)")
                    .tags("alias", alias, "version", v).register(registry),
                    latency("h2rec.serving.variant.latency",
                            "Arrival to answer per variant (a RankBatch call counts once per request)",
                            "alias", alias, "version", v),
                    Counter.builder("h2rec.serving.variant.fallbacks")
                            .description("Rankings by popularity (no known history item) per variant")
                            .tags("alias", alias, "version", v).register(registry));
        });
    }

    /** A gauge read at every scrape. */
    public void gauge(String name, String description, Supplier<Number> value) {
        Gauge.builder(name, value).description(description).register(registry);
    }
}
