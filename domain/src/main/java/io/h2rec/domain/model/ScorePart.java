package io.h2rec.domain.model;

/**
 * A part of a model's score of an item. H2Rec's score is y(u, i) = u^H·h(i) + u^S·s(i)
 * (h2rec-model.md §3): the hash-ID part and the semantic-ID part. Naive fusion's u·(h(i) + s(i))
 * splits the same way; SASRec and GRU4Rec have only the first, SID-only models only the second.
 */
public enum ScorePart {
    HASH_ID("hash_id"),
    SEMANTIC_ID("semantic_id");

    /** The name clients see. */
    public final String key;

    ScorePart(String key) {
        this.key = key;
    }
}
