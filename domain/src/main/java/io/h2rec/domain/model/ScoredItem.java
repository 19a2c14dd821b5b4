package io.h2rec.domain.model;

/**
 * An item and its score in a ranking.
 *
 * @param explanation present when the query asked to explain and the model could; otherwise null
 */
public record ScoredItem(ItemId item, float score, ItemExplanation explanation) {
    public ScoredItem(ItemId item, float score) {
        this(item, score, null);
    }
}
