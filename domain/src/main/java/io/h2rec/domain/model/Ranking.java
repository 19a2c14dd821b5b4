package io.h2rec.domain.model;

import java.util.List;

/**
 * The answer to a {@link RankQuery}.
 *
 * @param modelVersion        the model version that answered
 * @param popularityFallback  no known history item was left: ranked by training popularity
 * @param unknownItems        history and candidate ids the model does not know (ignored)
 * @param historyUsed         history items fed to the model after filtering and truncation
 * @param explanation         present when the query asked to explain and the model could (not for a
 *                            popularity fallback); each item then carries its own; otherwise null
 */
public record Ranking(List<ScoredItem> items, String modelVersion, boolean popularityFallback,
                      List<ItemId> unknownItems, int historyUsed, UserExplanation explanation) {
    public Ranking {
        items = List.copyOf(items);
        unknownItems = List.copyOf(unknownItems);
    }

    public Ranking(List<ScoredItem> items, String modelVersion, boolean popularityFallback, List<ItemId> unknownItems,
                   int historyUsed) {
        this(items, modelVersion, popularityFallback, unknownItems, historyUsed, null);
    }
}
