package io.h2rec.domain.model;

import java.util.Arrays;
import java.util.Objects;

/**
 * A user's whole history as dense item indices (1..N), oldest first, with each event's timestamp
 * (non-decreasing; the position when the source has no time).
 */
public record UserSequence(String userId, int[] items, long[] timestamps) {
    public UserSequence {
        Objects.requireNonNull(userId, "user id");
        items = items.clone();
        timestamps = timestamps.clone();
        if (timestamps.length != items.length) {
            throw new IllegalArgumentException("user " + userId + ": " + items.length + " items but "
                    + timestamps.length + " timestamps");
        }
        for (int p = 1; p < timestamps.length; p++) {
            if (timestamps[p] < timestamps[p - 1]) {
                throw new IllegalArgumentException("user " + userId + ": timestamps must not decrease (position " + p + ")");
            }
        }
    }

    /** A history without time: positions 0, 1, 2, ... stand for it. */
    public UserSequence(String userId, int[] items) {
        this(userId, items, positions(items.length));
    }

    public int length() {
        return items.length;
    }

    public int item(int position) {
        return items[position];
    }

    public long timestamp(int position) {
        return timestamps[position];
    }

    /** The number of events strictly before {@code time}: the first position at or after it. */
    public int countBefore(long time) {
        int lo = 0;
        int hi = timestamps.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (timestamps[mid] < time) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
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
    public long[] timestamps() {
        return timestamps.clone();
    }

    private static long[] positions(int n) {
        long[] t = new long[n];
        for (int i = 0; i < n; i++) {
            t[i] = i;
        }
        return t;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UserSequence other && userId.equals(other.userId) && Arrays.equals(items, other.items)
                && Arrays.equals(timestamps, other.timestamps);
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
