package io.h2rec.serving.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** serving-service settings (prefix h2rec.serving); defaults run as they are. */
@ConfigMapping(prefix = "h2rec.serving")
public interface ServingConfig {
    /**
     * Serve this model version alone, whatever the registry says; unset: the deployment below, or
     * when it does not exist, whichever version is marked active in PostgreSQL.
     */
    Optional<Long> modelVersion();

    /**
     * The deployment whose traffic split serving follows (its aliases' versions, sticky per user key;
     * docs/serving.md, "Aliases and traffic splits"). While it does not exist, the active version is served.
     */
    @WithDefault("default")
    String deployment();

    /**
     * Most model versions held in memory at once, swaps included (one per distinct version a deployment
     * routes to, plus the ones being replaced until the new routing is in). A change that would need
     * more is not applied (h2rec_serving_routing_behind = 1, the log says why). At least 2.
     */
    @WithDefault("4")
    int maxLoadedVersions();

    /**
     * How often to look for a newly activated version and for new cold-start items. A fallback:
     * activations and new items are pushed (PostgreSQL LISTEN/NOTIFY) and reach serving at once.
     */
    @WithDefault("5s")
    Duration pollInterval();

    /** Listen for activation and cold-start notifications (PostgreSQL LISTEN/NOTIFY); false: polling only. */
    @WithDefault("true")
    boolean push();

    /**
     * At shutdown the gRPC server stops taking calls first (GOAWAY: new calls are refused UNAVAILABLE and
     * retried elsewhere), then waits at most this long for the calls it has taken (GrpcDrain).
     */
    @WithDefault("1s")
    Duration drainTimeout();

    /** Admission control of the ranking queue (docs/serving.md, "Admission control"). */
    Admission admission();

    interface Admission {
        /**
         * The most work the queue may hold, in time at the measured capacity: its length limit is
         * capacity (rankings/s, measured while serving) x this. Under overload a request waits at
         * most about this long before it is scored; past the limit it is refused at once.
         */
        @WithDefault("15ms")
        Duration queueTime();

        /** The queue never holds more requests than this, whatever the measured capacity (memory bound). */
        @WithDefault("4096")
        int maxQueue();

        /**
         * The deadline of a request that carries none: one that cannot be answered before it is
         * refused at once (RESOURCE_EXHAUSTED) instead of waiting.
         */
        @WithDefault("1s")
        Duration defaultDeadline();

        /** Cost of one ranking assumed before any has been measured (it is measured from the first batch on). */
        @WithDefault("1ms")
        Duration initialCost();
    }

    /** Candidate retrieval for large catalogues (docs/serving.md, "Large catalogues"). */
    Retrieval retrieval();

    interface Retrieval {
        /**
         * A version whose model has at least this many trained items is ranked through an HNSW index
         * over its item vectors (built off the request path after the version is loaded; exact until
         * it is ready), the index's candidates scored exactly. Below it, every item is scored (the
         * exact path). 100,000 keeps every dataset trained here (MovieLens-100K, Beauty, Yelp) exact.
         */
        @WithDefault("100000")
        int minItems();

        /**
         * Candidates the index proposes per ranking (at least k), each then scored exactly: 1..4096. 800 keeps
         * recall@10 at 0.96+ on Beauty's H2Rec grown to 100k and 1M items (200 gave 0.899 at 1M; docs/retrieval.md).
         */
        @WithDefault("800")
        int candidates();

        /** The graph's M: neighbours per node on its upper levels (2M on level 0), 2..128. */
        @WithDefault("16")
        int maxConn();

        /** Candidates weighed per insertion while building (efConstruction), 1..2048. */
        @WithDefault("100")
        int beamWidth();

        /**
         * Threads building an index, 1..64; they compete with the scoring workers for the cores while
         * a build runs. 1 builds the same graph every time.
         */
        @WithDefault("1")
        int buildThreads();
    }

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

    /**
     * Most queued requests scored together by one worker (micro-batching under load). 16 keeps a
     * batch of 50-item histories near 11 ms on this machine's cores, inside the overload latency
     * budget (docs/serving.md, "Choosing the defaults").
     */
    @WithDefault("16")
    int maxMicroBatch();

    /**
     * Scoring workers; 0 = one per core less one (at least one): the network threads need a core of
     * their own, or under overload requests wait in front of admission, where nothing bounds them
     * (docs/serving.md, "Choosing the defaults").
     */
    @WithDefault("0")
    int workers();

    /** Where artifacts are when manifests name relative paths (they are normally absolute URIs). */
    @WithDefault("${H2REC_HOME:${user.home}/.h2rec}/artifacts")
    String artifactsDir();
}
