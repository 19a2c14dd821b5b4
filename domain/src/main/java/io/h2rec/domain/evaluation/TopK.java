package io.h2rec.domain.evaluation;

import java.util.BitSet;

/** The k best-scoring allowed items, best first; ties go to the lower index (deterministic). */
public final class TopK {
    private TopK() {
    }

    /**
     * @param scores     per item index (0 = padding, never returned)
     * @param candidates item indices to consider, or null for 1..scores.length-1
     * @param excluded   item indices never returned
     * @return item indices, best first (fewer than k when fewer are allowed)
     */
    public static int[] select(float[] scores, int k, int[] candidates, BitSet excluded) {
        int[] heap = new int[k]; // min-heap by (score, -index): the root is the worst kept
        int size = 0;
        int n = candidates == null ? scores.length - 1 : candidates.length;
        for (int c = 0; c < n; c++) {
            int item = candidates == null ? c + 1 : candidates[c];
            if (item <= 0 || item >= scores.length || excluded.get(item) || Float.isNaN(scores[item])) {
                continue;
            }
            if (size < k) {
                heap[size] = item;
                siftUp(heap, size++, scores);
            } else if (better(item, heap[0], scores)) {
                heap[0] = item;
                siftDown(heap, size, scores);
            }
        }
        // Pop the worst kept item into the last free slot until the heap is empty: best first, no boxing.
        int[] out = new int[size];
        for (int last = size - 1; last >= 0; last--) {
            out[last] = heap[0];
            heap[0] = heap[last];
            siftDown(heap, last, scores);
        }
        return out;
    }

    /**
     * The k best of a candidate set, with {@link #select}'s rules.
     *
     * @param items    item indices, ascending (ties then go to the lower index)
     * @param scores   scores[c] is items[c]'s
     * @param excluded item indices never returned
     * @return positions into items, best first
     */
    public static int[] selectAmong(int[] items, float[] scores, int k, BitSet excluded) {
        float[] local = new float[items.length + 1];   // local index c + 1 is items[c]; 0 is padding
        System.arraycopy(scores, 0, local, 1, items.length);
        BitSet out = new BitSet(items.length + 1);
        for (int c = 0; c < items.length; c++) {
            if (excluded.get(items[c])) {
                out.set(c + 1);
            }
        }
        int[] best = select(local, k, null, out);
        for (int j = 0; j < best.length; j++) {
            best[j]--;
        }
        return best;
    }

    private static boolean better(int a, int b, float[] s) {
        return s[a] > s[b] || (s[a] == s[b] && a < b);
    }

    private static void siftUp(int[] h, int i, float[] s) {
        while (i > 0) {
            int parent = (i - 1) / 2;
            if (better(h[parent], h[i], s)) {
                int t = h[parent];
                h[parent] = h[i];
                h[i] = t;
                i = parent;
            } else {
                return;
            }
        }
    }

    private static void siftDown(int[] h, int size, float[] s) {
        int i = 0;
        while (true) {
            int l = 2 * i + 1;
            int r = l + 1;
            int worst = i;
            if (l < size && better(h[worst], h[l], s)) {
                worst = l;
            }
            if (r < size && better(h[worst], h[r], s)) {
                worst = r;
            }
            if (worst == i) {
                return;
            }
            int t = h[worst];
            h[worst] = h[i];
            h[i] = t;
            i = worst;
        }
    }
}
