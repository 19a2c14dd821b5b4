package io.h2rec.domain.port.out;

/**
 * Builds a {@link CandidateIndex} over a loaded model's trained items. Which catalogues get one is
 * configuration (a minimum catalogue size); a build is slow (minutes at a million items) and runs
 * off the request path.
 */
public interface CandidateIndexer {
    /**
     * Why {@code items} items of this model are ranked exactly without an index (below the configured
     * minimum, or a model that does not score by an inner product), or null when they get one.
     */
    String exactBecause(RankingModel model, int items);

    /**
     * An index over items 1..{@code items} of the model's item vectors.
     *
     * @throws RuntimeException when it cannot be built (the caller ranks exactly and says why)
     */
    CandidateIndex build(RankingModel model, int items);

    /** The index kind and its settings, for logs. */
    String describe();
}
