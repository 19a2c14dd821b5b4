package io.h2rec.domain.model;

import java.util.Objects;

/** An item's external identifier, exactly as the source data spells it. */
public record ItemId(String value) implements Comparable<ItemId> {
    public ItemId {
        Objects.requireNonNull(value, "item id");
        if (value.isBlank()) {
            throw new IllegalArgumentException("item id must not be blank");
        }
    }

    public static ItemId of(String value) {
        return new ItemId(value);
    }

    /** Numeric ids sort numerically (so "2" precedes "10"), others lexicographically after them. */
    @Override
    public int compareTo(ItemId other) {
        return NaturalOrder.compare(value, other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
