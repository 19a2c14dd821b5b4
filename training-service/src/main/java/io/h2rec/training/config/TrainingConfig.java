package io.h2rec.training.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** training-service settings (prefix h2rec.training); every one has a default that runs. */
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
}
