package io.h2rec.domain.dataset;

import io.h2rec.domain.model.DatasetSplit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Positives of the code-guided alignment loss L_item (h2rec-model.md §4): an item itself, the
 * items sharing its full semantic-ID tuple, and the items co-occurring with it within +-window
 * positions in TRAINING sequences only (validation and test items never count: that would leak),
 * most frequent first; at most {@code cap} per item.
 */
public final class PositivePairs {
    private PositivePairs() {
    }

    /**
     * @param codes [N+1][L] semantic IDs by item index (row 0 unused)
     * @return per item index, its positives in priority order (self first); row 0 empty
     */
    public static int[][] build(DatasetSplit split, int[][] codes, int window, int cap) {
        int n = split.numItems();
        List<Map<Integer, Integer>> counts = new ArrayList<>(n + 1);
        for (int i = 0; i <= n; i++) {
            counts.add(new HashMap<>());
        }
        for (int u = 0; u < split.numUsers(); u++) {
            int[] s = split.trainingSequence(u);
            for (int p = 0; p < s.length; p++) {
                for (int q = Math.max(0, p - window); q <= Math.min(s.length - 1, p + window); q++) {
                    if (q != p && s[q] != s[p]) {
                        counts.get(s[p]).merge(s[q], 1, Integer::sum);
                    }
                }
            }
        }
        Map<String, List<Integer>> byTuple = new HashMap<>();
        for (int i = 1; i <= n; i++) {
            byTuple.computeIfAbsent(Arrays.toString(codes[i]), k -> new ArrayList<>()).add(i);
        }
        int[][] out = new int[n + 1][];
        out[0] = new int[0];
        for (int i = 1; i <= n; i++) {
            List<Integer> list = new ArrayList<>();
            list.add(i);
            for (int j : byTuple.get(Arrays.toString(codes[i]))) {
                if (j != i && list.size() < cap) {
                    list.add(j);
                }
            }
            Map<Integer, Integer> c = counts.get(i);
            List<Integer> co = new ArrayList<>(c.keySet());
            co.sort((a, b) -> c.get(b).equals(c.get(a)) ? Integer.compare(a, b) : Integer.compare(c.get(b), c.get(a)));
            for (int j : co) {
                if (list.size() >= cap) {
                    break;
                }
                if (!list.contains(j)) {
                    list.add(j);
                }
            }
            out[i] = list.stream().mapToInt(Integer::intValue).toArray();
        }
        return out;
    }
}
