package io.h2rec.domain.model;

import io.h2rec.domain.error.InvalidInputException;

import java.util.List;
import java.util.Objects;

/**
 * A ranking request in external ids.
 *
 * @param history        items the user consumed, oldest first (may be empty: popularity fallback)
 * @param k              how many items to return
 * @param excludeHistory leave the history's items out
 * @param candidates     when non-empty, rank only these
 * @param exclude        never return these
 * @param explain        explain the ranking ({@link Ranking#explanation()}): slower, opt-in
 */
public record RankQuery(List<ItemId> history, int k, boolean excludeHistory, List<ItemId> candidates,
                        List<ItemId> exclude, boolean explain) {
    public RankQuery {
        history = List.copyOf(Objects.requireNonNull(history, "history"));
        candidates = List.copyOf(candidates == null ? List.of() : candidates);
        exclude = List.copyOf(exclude == null ? List.of() : exclude);
        if (k < 1) {
            throw new InvalidInputException("k", "k must be >= 1, got " + k);
        }
    }

    /** A query that is not explained. */
    public RankQuery(List<ItemId> history, int k, boolean excludeHistory, List<ItemId> candidates, List<ItemId> exclude) {
        this(history, k, excludeHistory, candidates, exclude, false);
    }
}
