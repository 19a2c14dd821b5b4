package io.h2rec.adapter.out.inference;

import java.util.List;

/**
 * One thread's scratch memory for scoring: the stacked positions of the batch being scored and
 * the activations of every layer, grown to the largest batch seen and then reused, so scoring
 * allocates nothing per request. One per thread (serving's workers, the evaluator's pool).
 */
final class Workspace {
    /** The activation buffers; each layer names the ones it writes. */
    enum Buf { X_H, X_S, GATE, ALPHA, CA, Q, K, CONCAT, KEYS_T, SCORES, Y, QKV, FFN, LAST_Y, LAST_Q, LAST_H, USERS, CANDIDATES }

    private static final ThreadLocal<Workspace> MINE = ThreadLocal.withInitial(Workspace::new);

    final Batch batch = new Batch();
    private final float[][] buffers = new float[Buf.values().length][];

    static Workspace mine() {
        return MINE.get();
    }

    /** A buffer of at least {@code size} floats; its contents are whatever the last user left. */
    float[] get(Buf which, int size) {
        float[] b = buffers[which.ordinal()];
        if (b == null || b.length < size) {
            b = new float[Math.max(size, b == null ? 0 : b.length + b.length / 2)];
            buffers[which.ordinal()] = b;
        }
        return b;
    }

    /**
     * The real positions of a batch of histories, stacked: sequence s owns rows [start[s],
     * start[s] + length[s]), oldest first; each row's item index and position slot (the window is
     * left-padded to T, so a history of n items sits in slots T-n .. T-1).
     */
    static final class Batch {
        int sequences;
        int rows;
        int[] start = new int[0];
        int[] length = new int[0];
        int[] ids = new int[0];
        int[] slots = new int[0];

        /** Histories [from, to): each read from its T most recent items; indices must be 1..numItems. */
        Batch fill(List<int[]> histories, int from, int to, int maxLen, int numItems) {
            sequences = to - from;
            if (start.length < sequences) {
                start = new int[sequences];
                length = new int[sequences];
            }
            int total = 0;
            for (int s = 0; s < sequences; s++) {
                int n = histories.get(from + s).length;
                if (n == 0) {
                    throw new IllegalArgumentException("an empty history has no user vector");
                }
                total += Math.min(n, maxLen);
            }
            if (ids.length < total) {
                ids = new int[total];
                slots = new int[total];
            }
            int r = 0;
            for (int s = 0; s < sequences; s++) {
                int[] h = histories.get(from + s);
                int n = Math.min(h.length, maxLen);
                start[s] = r;
                length[s] = n;
                for (int p = 0; p < n; p++) {
                    int item = h[h.length - n + p];
                    if (item < 1 || item > numItems) {
                        throw new IllegalArgumentException("item index " + item + " outside 1.." + numItems);
                    }
                    ids[r] = item;
                    slots[r++] = maxLen - n + p;
                }
            }
            rows = r;
            return this;
        }

        int last(int s) {
            return start[s] + length[s] - 1;
        }
    }
}
