package io.h2rec.adapter.out.inference;

import io.h2rec.domain.port.out.RankingModel;

import java.util.Optional;

/**
 * The two halves of a loaded sequence model's score, for candidate retrieval: the item matrix
 * (for H2Rec rows [h(i); s(i)]) and the user vector of a history (for H2Rec [u^H; u^S]); the
 * model's score of an item is their inner product.
 */
public final class ModelVectors {
    private final SequenceModel model;

    private ModelVectors(SequenceModel model) {
        this.model = model;
    }

    /** Present for the sequence models this engine loads; empty for the popularity baseline. */
    public static Optional<ModelVectors> of(RankingModel model) {
        return model instanceof SequenceModel s ? Optional.of(new ModelVectors(s)) : Optional.empty();
    }

    public int numItems() {
        return model.numItems;
    }

    public int dim() {
        return model.dim;
    }

    /** Row-major [(numItems + 1) * dim], row 0 the padding item. The model's own array: read it, never write it. */
    public float[] items() {
        return model.items;
    }

    /** The user vector of a non-empty history of item indices (the most recent maxHistory() are read). */
    public float[] userVector(int[] history) {
        return model.userVector(history);
    }
}
