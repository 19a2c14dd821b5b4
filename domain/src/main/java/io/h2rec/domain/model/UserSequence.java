package io.h2rec.domain.model;

import java.util.Arrays;
import java.util.Objects;

/** A user's whole history as dense item indices (1..N), oldest first. */
public record UserSequence(String userId, int[] items) {
    public UserSequence {
        Objects.requireNonNull(userId, "user id");
        items = items.clone();
    }

    public int length() {
        return items.length;
    }

    public int item(int position) {
        return items[position];
    }

    /** A copy of positions [from, to). */
    public int[] slice(int from, int to) {
        return Arrays.copyOfRange(items, from, to);
    }

    @Override
    public int[] items() {
        return items.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UserSequence other && userId.equals(other.userId) && Arrays.equals(items, other.items);
    }

    @Override
    public int hashCode() {
        return 31 * userId.hashCode() + Arrays.hashCode(items);
    }

    @Override
    public String toString() {
        return "UserSequence[" + userId + ", " + Arrays.toString(items) + "]";
    }
}
