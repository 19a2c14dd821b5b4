package io.h2rec.wiring;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/** Training settings (prefix h2rec.training) of the service and the lab's commands; every one has a default that runs. */
@ConfigMapping(prefix = "h2rec.training")
public interface TrainingConfig {
    /** Where model artifacts (manifest.json + weights.bin per run) are written. */
    @WithDefault("${H2REC_HOME:${user.home}/.h2rec}/artifacts")
    String artifactsDir();

    /**
     * The run ledger: finished runs as committed JSON lines, one file per dataset (docs/results/runs), so
     * reports can be regenerated and sweeps resumed on a machine whose registry never held those runs.
     */
    @WithDefault("docs/results/runs")
    String ledgerDir();

    /** Runs executed at the same time by the registry (each uses every core). */
    @WithDefault("1")
    int concurrentRuns();

    /** Whether this process executes queued runs (the service does; one-shot commands do not). */
    @WithDefault("true")
    boolean scheduler();

    /** TensorFlow intra-op threads per run; 0 = all cores. */
    @WithDefault("0")
    int threads();

    /**
     * The name under which this process holds the leases of the runs it executes (recorded as the
     * run's owner, with the pid and a per-start nonce); default the host name. A replaced pod or a
     * restart under another name is a different owner either way.
     */
    Optional<String> ownerId();

    /** Seconds between renewals of a running run's lease (progress is written with each). */
    @WithDefault("5")
    long heartbeatSeconds();

    /**
     * Seconds without a renewal after which any process marks the run INTERRUPTED (its owner is
     * gone or cut off from the database); at least three heartbeats.
     */
    @WithDefault("30")
    long leaseSeconds();

    /**
     * Memory a training run may use, in MiB; a config whose estimate (parameters, optimizer state,
     * activations of one batch) exceeds it is refused at registration. 0: half of this machine's
     * physical memory.
     */
    @WithDefault("0")
    long memoryBudgetMb();
}
