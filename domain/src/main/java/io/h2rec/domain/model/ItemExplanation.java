package io.h2rec.domain.model;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Why an item ranked where it did: its score's parts, and the history items nearest to it in the
 * semantic-ID tree.
 *
 * @param parts        the score's parts (in {@link ScorePart} order; those the model has), summing to the score
 * @param semanticId   the item's codes, coarse first (empty for a model without semantic IDs)
 * @param sharedPrefix the most leading levels its semantic ID shares with a history item's (0: none)
 * @param sharedWith   the history items sharing that many levels, most recent first (empty when 0)
 */
public record ItemExplanation(Map<ScorePart, Float> parts, int[] semanticId, int sharedPrefix, List<ItemId> sharedWith) {
    public ItemExplanation {
        parts = Map.copyOf(parts);
        semanticId = semanticId.clone();
        sharedWith = List.copyOf(sharedWith);
        Objects.checkIndex(sharedPrefix, semanticId.length + 1);
    }

    @Override
    public int[] semanticId() {
        return semanticId.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ItemExplanation e && parts.equals(e.parts) && Arrays.equals(semanticId, e.semanticId)
                && sharedPrefix == e.sharedPrefix && sharedWith.equals(e.sharedWith);
    }

    @Override
    public int hashCode() {
        return Objects.hash(parts, Arrays.hashCode(semanticId), sharedPrefix, sharedWith);
    }
}
