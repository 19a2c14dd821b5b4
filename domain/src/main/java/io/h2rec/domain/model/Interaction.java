package io.h2rec.domain.model;

import java.util.Objects;

/**
 * One user-item event. Sources without timestamps use the position in the user's ordered list;
 * ties in time keep input order (the sort is stable).
 */
public record Interaction(String userId, ItemId itemId, long timestamp) {
    public Interaction {
        Objects.requireNonNull(userId, "user id");
        Objects.requireNonNull(itemId, "item id");
        if (userId.isBlank()) {
            throw new IllegalArgumentException("user id must not be blank");
        }
    }
}
