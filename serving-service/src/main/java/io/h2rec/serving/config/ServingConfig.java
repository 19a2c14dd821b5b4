package io.h2rec.serving.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** serving-service settings (prefix h2rec.serving); defaults run as they are. */
@ConfigMapping(prefix = "h2rec.serving")
public interface ServingConfig {
    /** Serve this model version; unset: whichever version is marked active in PostgreSQL. */
    Optional<Long> modelVersion();

    /** How often to look for a newly activated version and for new cold-start items. */
    @WithDefault("5s")
    Duration pollInterval();

    /** Largest k a request may ask for. */
    @WithDefault("1000")
    int maxK();

    /**
     * Longest history accepted (external ids). Histories up to this are accepted and truncated to
     * the model's T most recent items; longer ones are refused.
     */
    @WithDefault("10000")
    int maxHistoryItems();

    /** Largest candidate set of one request. */
    @WithDefault("100000")
    int maxCandidates();

    /** Most requests in one RankBatch call. */
    @WithDefault("256")
    int maxBatch();

    /** Most queued requests scored together by one worker (micro-batching under load). */
    @WithDefault("32")
    int maxMicroBatch();

    /** Scoring workers; 0 = one per core. */
    @WithDefault("0")
    int workers();

    /** Where artifacts are when manifests name relative paths (they are normally absolute URIs). */
    @WithDefault("${H2REC_HOME:${user.home}/.h2rec}/artifacts")
    String artifactsDir();
}
