package io.h2rec.domain.port.out;

import io.h2rec.domain.model.SemanticId;

import java.util.List;
import java.util.Optional;

/**
 * A loaded model as serving uses it: scores for one history (or a batch), the history length it
 * reads, and, for models with a semantic-ID branch, new items scored from their codes alone.
 * Immutable: adding cold-start items returns a new model.
 */
public interface RankingModel extends Scorer {
    /** Scores of items 0..numItems() (0 = padding, ignored) for one history of item indices. */
    float[] scoreOne(int[] history);

    /**
     * {@link #score(List)} into caller-owned rows (each at least numItems()+1 long), so a caller
     * that ranks all day (serving's workers) reuses its buffers instead of allocating per request.
     */
    default void score(List<int[]> histories, float[][] out) {
        float[][] scores = score(histories);
        for (int i = 0; i < scores.length; i++) {
            System.arraycopy(scores[i], 0, out[i], 0, scores[i].length);
        }
    }

    /** T: only the most recent T history items are read. */
    int maxHistory();

    /** Whether {@link #withColdStartItems} works (models with a SID branch: H2Rec, SID-only, fusion). */
    boolean supportsColdStart();

    /**
     * A model that also scores {@code codes.size()} new items, indices numItems()+1 ..., from their
     * semantic IDs (their hash-ID rows are absent).
     *
     * @throws UnsupportedOperationException when {@link #supportsColdStart()} is false
     */
    RankingModel withColdStartItems(List<SemanticId> codes);

    /**
     * Whether this model's score of item i is the inner product of a history's query vector with a
     * row of item i (every sequence model; not the popularity baseline): then a {@link CandidateIndex}
     * can propose candidates and {@link #scoreItems} scores them exactly.
     */
    default boolean scoresByInnerProduct() {
        return false;
    }

    /**
     * The query vectors of non-empty histories, one row per history, computed as {@link #score(List)}
     * computes them.
     *
     * @throws UnsupportedOperationException when {@link #scoresByInnerProduct()} is false
     */
    default float[][] queryVectors(List<int[]> histories) {
        throw new UnsupportedOperationException("this model does not score by an inner product");
    }

    /**
     * The exact scores of some items for a query vector: out[c] for items[c], the very values
     * {@link #score(List)} gives those items (same kernel, same order of operations).
     *
     * @throws UnsupportedOperationException when {@link #scoresByInnerProduct()} is false
     */
    default void scoreItems(float[] query, int[] items, float[] out) {
        throw new UnsupportedOperationException("this model does not score by an inner product");
    }

    /**
     * The explain path: what this history's scores are made of, or empty when the model cannot say
     * (the popularity baseline). Costs another forward pass for the history and allocates; ranking
     * never calls it.
     */
    default Optional<ScoreExplanation> explain(int[] history) {
        return Optional.empty();
    }
}
