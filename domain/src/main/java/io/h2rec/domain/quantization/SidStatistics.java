package io.h2rec.domain.quantization;

import io.h2rec.domain.model.SemanticId;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/** Code utilisation per level and collisions (items sharing a full tuple), h2rec-model.md §1. */
public final class SidStatistics {
    private SidStatistics() {
    }

    /** Share of the K codes of each level used by at least one item. */
    public static double[] utilisation(Collection<SemanticId> ids, int levels, int size) {
        boolean[][] used = new boolean[levels][size];
        for (SemanticId id : ids) {
            for (int l = 0; l < levels; l++) {
                used[l][id.level(l)] = true;
            }
        }
        double[] out = new double[levels];
        for (int l = 0; l < levels; l++) {
            int n = 0;
            for (boolean u : used[l]) {
                n += u ? 1 : 0;
            }
            out[l] = (double) n / size;
        }
        return out;
    }

    /** Number of items whose full tuple is also some other item's. */
    public static int collisions(Collection<SemanticId> ids) {
        Map<SemanticId, Integer> counts = tupleCounts(ids);
        int n = 0;
        for (int c : counts.values()) {
            if (c > 1) {
                n += c;
            }
        }
        return n;
    }

    public static int distinctTuples(Collection<SemanticId> ids) {
        return tupleCounts(ids).size();
    }

    private static Map<SemanticId, Integer> tupleCounts(Collection<SemanticId> ids) {
        Map<SemanticId, Integer> counts = new HashMap<>();
        for (SemanticId id : ids) {
            counts.merge(id, 1, Integer::sum);
        }
        return counts;
    }
}
