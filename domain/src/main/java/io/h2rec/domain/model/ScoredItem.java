package io.h2rec.domain.model;

/** An item and its score in a ranking. */
public record ScoredItem(ItemId item, float score) {
}
