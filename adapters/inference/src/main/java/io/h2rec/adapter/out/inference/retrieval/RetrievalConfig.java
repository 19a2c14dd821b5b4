package io.h2rec.adapter.out.inference.retrieval;

/**
 * How a catalogue is ranked: exactly (a scan of every item vector) below {@code minCatalogue}
 * items, from an HNSW graph's candidates at or above it. Bounded at construction, before any
 * index is built.
 *
 * @param minCatalogue smallest catalogue (items) that gets an HNSW index; below it the exact scan
 * @param candidates   k': candidates the graph search returns (its beam), then rescored exactly
 * @param maxConn      M: neighbours per node in the graph's upper levels (2M on level 0)
 * @param beamWidth    candidates considered per insertion while building (efConstruction)
 * @param buildThreads threads building the graph; 1 builds the same graph for the same seed
 * @param seed         the graph's level assignment
 */
public record RetrievalConfig(int minCatalogue, int candidates, int maxConn, int beamWidth, int buildThreads,
                              long seed) {
    public static final int MAX_CANDIDATES = 4096;
    public static final int MAX_CONN = 128;
    public static final int MAX_BEAM_WIDTH = 2048;
    public static final int MAX_BUILD_THREADS = 64;

    /** Exact below 200,000 items; above, 200 candidates from a graph of M=16, beam 100, built on one thread. */
    public static RetrievalConfig defaults() {
        return new RetrievalConfig(200_000, 200, 16, 100, 1, 42L);
    }

    public RetrievalConfig {
        check("min-catalogue", minCatalogue, 1, Integer.MAX_VALUE);
        check("candidates", candidates, 1, MAX_CANDIDATES);
        check("max-conn", maxConn, 2, MAX_CONN);
        check("beam-width", beamWidth, 1, MAX_BEAM_WIDTH);
        check("build-threads", buildThreads, 1, MAX_BUILD_THREADS);
    }

    /** Whether a catalogue of this many items is searched through an index. */
    public boolean indexes(int numItems) {
        return numItems >= minCatalogue;
    }

    public RetrievalConfig withMinCatalogue(int items) {
        return new RetrievalConfig(items, candidates, maxConn, beamWidth, buildThreads, seed);
    }

    public RetrievalConfig withCandidates(int k) {
        return new RetrievalConfig(minCatalogue, k, maxConn, beamWidth, buildThreads, seed);
    }

    public RetrievalConfig withGraph(int m, int beam, int threads) {
        return new RetrievalConfig(minCatalogue, candidates, m, beam, threads, seed);
    }

    private static void check(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException("retrieval " + name + " must be in " + min + ".." + max + ", was " + value);
        }
    }
}
