package io.h2rec.domain.model;

import java.util.List;

/**
 * The answer to a {@link RankQuery}.
 *
 * @param modelVersion        the model version that answered
 * @param popularityFallback  no known history item was left: ranked by training popularity
 * @param unknownItems        history and candidate ids the model does not know (ignored)
 * @param historyUsed         history items fed to the model after filtering and truncation
 */
public record Ranking(List<ScoredItem> items, String modelVersion, boolean popularityFallback,
                      List<ItemId> unknownItems, int historyUsed) {
    public Ranking {
        items = List.copyOf(items);
        unknownItems = List.copyOf(unknownItems);
    }
}
