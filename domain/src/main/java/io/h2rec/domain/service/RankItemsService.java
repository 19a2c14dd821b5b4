package io.h2rec.domain.service;

import io.h2rec.domain.error.UnavailableException;
import io.h2rec.domain.evaluation.TopK;
import io.h2rec.domain.model.ServingModel;

import io.h2rec.domain.model.ItemId;
import io.h2rec.domain.model.RankQuery;
import io.h2rec.domain.model.Ranking;
import io.h2rec.domain.model.ScoredItem;
import io.h2rec.domain.port.in.RankItemsUseCase;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.function.Supplier;

/**
 * Serving's ranking logic: external ids to indices (unknown ones ignored and reported), the most
 * recent T history items, exclusions and candidate sets, top-k; popularity when no known history
 * item is left. Reads the current {@link ServingModel} once per call, so a swap never splits a
 * request between two versions. A query that asks to explain is ranked the same way, then explained
 * ({@link RankingExplainer}); the others take no step of that path.
 */
public final class RankItemsService implements RankItemsUseCase {
    private final Supplier<ServingModel> current;

    public RankItemsService(Supplier<ServingModel> current) {
        this.current = current;
    }

    @Override
    public Ranking rank(RankQuery query) {
        return rankBatch(List.of(query)).get(0);
    }

    @Override
    public List<Ranking> rankBatch(List<RankQuery> queries) {
        ServingModel m = current.get();
        if (m == null) {
            throw new UnavailableException("no model version is loaded yet");
        }
        return rankBatch(m, queries);
    }

    @Override
    public List<Ranking> rankBatch(ServingModel m, List<RankQuery> queries) {
        List<Prepared> prepared = new ArrayList<>(queries.size());
        List<int[]> histories = new ArrayList<>();
        for (RankQuery q : queries) {
            Prepared p = prepare(m, q);
            prepared.add(p);
            if (p.history.length > 0) {
                histories.add(p.history);
            }
        }
        float[][] scores = histories.isEmpty() ? new float[0][] : m.model().score(histories);
        List<Ranking> out = new ArrayList<>(queries.size());
        int next = 0;
        float[] popularity = null;
        for (int i = 0; i < queries.size(); i++) {
            Prepared p = prepared.get(i);
            float[] s;
            if (p.history.length > 0) {
                s = scores[next++];
            } else {
                if (popularity == null) {
                    popularity = new float[m.numItems() + 1];
                    for (int item = 1; item <= m.numItems(); item++) {
                        popularity[item] = m.popularity(item);
                    }
                }
                s = popularity;
            }
            int[] top = TopK.select(s, queries.get(i).k(), p.candidates, p.excluded);
            if (queries.get(i).explain() && p.history.length > 0) {
                out.add(explained(m, p, top, s));
                continue;
            }
            List<ScoredItem> items = new ArrayList<>(top.length);
            for (int item : top) {
                items.add(new ScoredItem(m.idOf(item), s[item]));
            }
            out.add(new Ranking(items, String.valueOf(m.version().id()), p.history.length == 0, p.unknown,
                    p.history.length));
        }
        return out;
    }

    /** The explain path (opt-in, off the fast path): the ranking with each item's explanation, when the model gives one. */
    private static Ranking explained(ServingModel m, Prepared p, int[] top, float[] s) {
        RankingExplainer explainer = m.model().explain(p.history).map(why -> new RankingExplainer(m, why, p.history))
                .orElse(null);
        List<ScoredItem> items = new ArrayList<>(top.length);
        for (int item : top) {
            items.add(new ScoredItem(m.idOf(item), s[item], explainer == null ? null : explainer.item(item)));
        }
        return new Ranking(items, String.valueOf(m.version().id()), false, p.unknown, p.history.length,
                explainer == null ? null : explainer.user());
    }

    private record Prepared(int[] history, int[] candidates, BitSet excluded, List<ItemId> unknown) {
    }

    private static Prepared prepare(ServingModel m, RankQuery q) {
        List<ItemId> unknown = new ArrayList<>();
        int[] known = new int[q.history().size()];
        int n = 0;
        for (ItemId id : q.history()) {
            Integer idx = m.indexOf(id);
            if (idx == null) {
                unknown.add(id);
            } else {
                known[n++] = idx;
            }
        }
        BitSet excluded = new BitSet(m.numItems() + 1);
        if (q.excludeHistory()) {
            for (int i = 0; i < n; i++) {
                excluded.set(known[i]);
            }
        }
        for (ItemId id : q.exclude()) {
            Integer idx = m.indexOf(id);
            if (idx != null) {
                excluded.set(idx);
            }
        }
        int[] candidates = null;
        if (!q.candidates().isEmpty()) {
            candidates = new int[q.candidates().size()];
            int c = 0;
            for (ItemId id : q.candidates()) {
                Integer idx = m.indexOf(id);
                if (idx == null) {
                    unknown.add(id);
                } else {
                    candidates[c++] = idx;
                }
            }
            candidates = Arrays.copyOf(candidates, c);
        }
        int keep = Math.min(n, m.model().maxHistory());
        int[] history = Arrays.copyOfRange(known, n - keep, n);
        return new Prepared(history, candidates, excluded, unknown);
    }
}
