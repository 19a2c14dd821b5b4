package io.h2rec.domain.evaluation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Full-ranking HR@k and NDCG@k of a model's targets split by popularity (head / tail) and by whether the target's
 * semantic ID is shared: another item has its whole tuple, so the SID branch cannot tell them apart and only the
 * hash ID can. A diagnostic beside the protocol's groups (it is not part of a run's metrics).
 */
public final class SharedTupleGroups {
    /** The groups, in the order {@link #summarise} returns them. */
    public static final List<String> GROUPS = List.of("overall", "head", "head-unique", "head-shared", "tail",
            "tail-unique", "tail-shared");

    private SharedTupleGroups() {
    }

    /** One group: how many targets, and the models' HR@k / NDCG@k over them (NaN without targets). */
    public record Row(String group, int support, double hr, double ndcg) {
    }

    /**
     * Whether each item's tuple is shared. {@code codes[i]} is item i's tuple; row 0 (padding) is ignored.
     */
    public static boolean[] shared(int[][] codes) {
        Map<List<Integer>, Integer> count = new HashMap<>();
        List<List<Integer>> tuples = new ArrayList<>(codes.length);
        for (int i = 0; i < codes.length; i++) {
            List<Integer> t = new ArrayList<>(codes[i].length);
            for (int c : codes[i]) {
                t.add(c);
            }
            tuples.add(t);
            if (i > 0) {
                count.merge(t, 1, Integer::sum);
            }
        }
        boolean[] out = new boolean[codes.length];
        for (int i = 1; i < codes.length; i++) {
            out[i] = count.get(tuples.get(i)) > 1;
        }
        return out;
    }

    /**
     * @param targets each case's target item
     * @param ranks   each case's full-ranking rank of it ({@link Evaluator#fullRanks})
     * @param head    whether an item is in the head (by training popularity)
     * @param shared  whether an item's tuple is shared ({@link #shared})
     */
    public static List<Row> summarise(int[] targets, int[] ranks, boolean[] head, boolean[] shared, int k) {
        if (targets.length != ranks.length) {
            throw new IllegalArgumentException(targets.length + " targets, " + ranks.length + " ranks");
        }
        int g = GROUPS.size();
        int[] support = new int[g];
        double[] hr = new double[g];
        double[] ndcg = new double[g];
        for (int c = 0; c < targets.length; c++) {
            int t = targets[c];
            int popularity = head[t] ? 1 : 4;
            int[] in = {0, popularity, popularity + (shared[t] ? 2 : 1)};
            double h = RankingMetrics.hitRate(ranks[c], k);
            double n = RankingMetrics.ndcg(ranks[c], k);
            for (int gi : in) {
                support[gi]++;
                hr[gi] += h;
                ndcg[gi] += n;
            }
        }
        List<Row> rows = new ArrayList<>(g);
        for (int gi = 0; gi < g; gi++) {
            rows.add(new Row(GROUPS.get(gi), support[gi], support[gi] == 0 ? Double.NaN : hr[gi] / support[gi],
                    support[gi] == 0 ? Double.NaN : ndcg[gi] / support[gi]));
        }
        return rows;
    }
}
