package io.h2rec.domain.service;

import io.h2rec.domain.model.ItemExplanation;
import io.h2rec.domain.model.ItemId;
import io.h2rec.domain.model.ScorePart;
import io.h2rec.domain.model.ServingModel;
import io.h2rec.domain.model.UserExplanation;
import io.h2rec.domain.port.out.ScoreExplanation;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The explain path of a ranking: an item's score parts from the model, and the history items that
 * share the longest semantic-ID prefix with it. Bounded by the ranking's k and the model's window:
 * k x T prefix comparisons of L codes.
 */
final class RankingExplainer {
    private final ServingModel model;
    private final ScoreExplanation why;
    private final int[] history;          // item indices fed to the model, oldest first
    private final int[][] historyCodes;

    RankingExplainer(ServingModel model, ScoreExplanation why, int[] history) {
        this.model = model;
        this.why = why;
        this.history = history;
        this.historyCodes = new int[history.length][];
        for (int p = 0; p < history.length; p++) {
            historyCodes[p] = why.semanticId(history[p]);
        }
    }

    UserExplanation user() {
        return new UserExplanation(why.parts(), why.gateWeights());
    }

    ItemExplanation item(int item) {
        double[] split = why.split(item);
        Map<ScorePart, Float> parts = new EnumMap<>(ScorePart.class);
        for (int p = 0; p < split.length; p++) {
            parts.put(why.parts().get(p), (float) split[p]);
        }
        int[] codes = why.semanticId(item);
        int longest = 0;
        for (int[] h : historyCodes) {
            longest = Math.max(longest, sharedPrefix(codes, h));
        }
        Set<ItemId> with = new LinkedHashSet<>();
        for (int p = history.length - 1; p >= 0 && longest > 0; p--) {
            if (sharedPrefix(codes, historyCodes[p]) == longest) {
                with.add(model.idOf(history[p]));
            }
        }
        return new ItemExplanation(parts, codes, longest, new ArrayList<>(with));
    }

    /** How many leading codes a and b share. */
    static int sharedPrefix(int[] a, int[] b) {
        int n = Math.min(a.length, b.length);
        int l = 0;
        while (l < n && a[l] == b[l]) {
            l++;
        }
        return l;
    }
}
