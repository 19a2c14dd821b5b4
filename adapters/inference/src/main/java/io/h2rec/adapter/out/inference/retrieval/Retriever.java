package io.h2rec.adapter.out.inference.retrieval;

import java.util.BitSet;

/**
 * The k best items of a catalogue for a user vector under the models' score, an inner product of
 * the user vector with an item vector (for H2Rec [u^H; u^S] . [h(i); s(i)]). Built once per loaded
 * model from its item matrix; thread-safe; immutable.
 */
public interface Retriever {
    /**
     * @param user     the user vector, {@link #dim()} values
     * @param k        items wanted, 1..{@link RetrievalConfig#MAX_CANDIDATES}
     * @param excluded item indices never returned (may be empty, not null)
     * @return at most k items (indices 1..N), best first, with their exact scores
     */
    Hits topK(float[] user, int k, BitSet excluded);

    /** "exact" or "hnsw". */
    String method();

    int numItems();

    int dim();

    /** Items a query can be answered with at all (the exact scan: every item; a graph: those its search can reach). */
    default int reachableItems() {
        return numItems();
    }

    /** Bytes this retriever holds beyond the model's own item matrix (scan layout or graph). */
    long ramBytes();

    /** Item indices best first and their exact scores. */
    record Hits(int[] items, float[] scores) {
    }

    /**
     * The exact scan below {@link RetrievalConfig#minCatalogue()} items, an HNSW graph at or above.
     *
     * @param items row-major [(numItems + 1) * dim], row 0 the padding item (the models' item matrix)
     */
    static Retriever build(float[] items, int numItems, int dim, RetrievalConfig config) {
        return config.indexes(numItems) ? HnswRetriever.build(items, numItems, dim, config)
                : new ExactRetriever(items, numItems, dim);
    }
}
