package io.h2rec.domain.port.out;

import java.util.BitSet;

/**
 * Candidate retrieval over a loaded model's item vectors (docs/serving.md, "Large catalogues"): the
 * items most likely to hold a query's top-k under the model's inner-product score, found without
 * scoring the whole catalogue. Covers items 1..{@link #numItems()}; items added later (cold start)
 * are not in it. The candidates are then scored exactly by the model ({@link RankingModel#scoreItems}).
 * Immutable and thread-safe.
 */
public interface CandidateIndex {
    /** What the index is, for operators ("hnsw"). */
    String method();

    /** The items it covers: 1..numItems(). */
    int numItems();

    /**
     * @param query    the history's query vector ({@link RankingModel#queryVectors})
     * @param k        items the caller will keep; at least this many are returned when the index holds them
     * @param excluded item indices never returned (may be empty, not null)
     * @return up to max(k, the index's configured candidate count) item indices, ascending
     */
    int[] candidates(float[] query, int k, BitSet excluded);

    /** Bytes the index holds beyond the model's own item vectors. */
    long ramBytes();
}
