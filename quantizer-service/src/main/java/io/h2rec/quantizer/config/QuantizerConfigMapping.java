package io.h2rec.quantizer.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** quantizer-service settings (prefix h2rec.quantizer); every one has a default that runs. */
@ConfigMapping(prefix = "h2rec.quantizer")
public interface QuantizerConfigMapping {
    /** Whether this process executes queued jobs (the service does; the one-shot quantize command does not). */
    @WithDefault("true")
    boolean jobs();

    /** The name under which this process holds its jobs' leases (with pid and a per-start nonce); default the host. */
    Optional<String> ownerId();

    /** Seconds between renewals of a running job's lease (progress is written with each). */
    @WithDefault("5")
    long heartbeatSeconds();

    /** Seconds without a renewal after which any process marks the job INTERRUPTED; at least three heartbeats. */
    @WithDefault("30")
    long leaseSeconds();

    /** Watchdog: a job running longer than this fails (its worker is abandoned if it does not stop). */
    @WithDefault("6h")
    Duration maxJobDuration();

    /** Watchdog: a job whose progress has not moved for this long fails. */
    @WithDefault("30m")
    Duration stallTimeout();
}
