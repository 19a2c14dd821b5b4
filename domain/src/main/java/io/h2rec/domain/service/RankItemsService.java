package io.h2rec.domain.service;

import io.h2rec.domain.error.UnavailableException;
import io.h2rec.domain.evaluation.TopK;
import io.h2rec.domain.model.ServingModel;

import io.h2rec.domain.model.ItemId;
import io.h2rec.domain.model.RankQuery;
import io.h2rec.domain.model.Ranking;
import io.h2rec.domain.model.ScoredItem;
import io.h2rec.domain.port.in.RankItemsUseCase;
import io.h2rec.domain.port.out.CandidateIndex;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.function.Supplier;

/**
 * Serving's ranking logic: external ids to indices (unknown ones ignored and reported), the most
 * recent T history items, exclusions and candidate sets, top-k; popularity when no known history
 * item is left. A model whose candidate index is ready ({@link io.h2rec.domain.model.RetrievalState})
 * scores only candidates (the request's list, or the index's plus cold-start items) with its exact
 * score; the others score every item. Reads the current {@link ServingModel} once per call, so a swap never splits a
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
        CandidateIndex index = m.retrieval().index();
        List<Prepared> prepared = new ArrayList<>(queries.size());
        List<int[]> scanned = new ArrayList<>();     // histories scored against every item
        List<int[]> retrieved = new ArrayList<>();   // histories scored on a candidate set (an index is ready)
        for (RankQuery q : queries) {
            Prepared p = prepare(m, q);
            prepared.add(p);
            if (p.history.length > 0) {
                (index != null ? retrieved : scanned).add(p.history);
            }
        }
        float[][] scores = scanned.isEmpty() ? new float[0][] : m.model().score(scanned);
        float[][] vectors = retrieved.isEmpty() ? new float[0][] : m.model().queryVectors(retrieved);
        List<Ranking> out = new ArrayList<>(queries.size());
        int nextScanned = 0;
        int nextRetrieved = 0;
        float[] popularity = null;
        for (int i = 0; i < queries.size(); i++) {
            Prepared p = prepared.get(i);
            int k = queries.get(i).k();
            Top top;
            if (p.history.length == 0) {
                if (popularity == null) {
                    popularity = new float[m.numItems() + 1];
                    for (int item = 1; item <= m.numItems(); item++) {
                        popularity[item] = m.popularity(item);
                    }
                }
                top = Top.of(popularity, TopK.select(popularity, k, p.candidates, p.excluded));
            } else if (index != null) {
                top = onCandidates(m, index, vectors[nextRetrieved++], p, k);
            } else {
                float[] s = scores[nextScanned++];
                top = Top.of(s, TopK.select(s, k, p.candidates, p.excluded));
            }
            out.add(queries.get(i).explain() && p.history.length > 0 ? explained(m, p, top) : plain(m, p, top));
        }
        return out;
    }

    /** The k best items and their scores, best first. */
    private record Top(int[] items, float[] scores) {
        static Top of(float[] row, int[] items) {
            float[] s = new float[items.length];
            for (int j = 0; j < items.length; j++) {
                s[j] = row[items[j]];
            }
            return new Top(items, s);
        }
    }

    /**
     * The retrieval path: the request's candidates, or the index's plus every item added after it was
     * built (cold start), scored exactly by the model, then top-k with the same exclusions and tie
     * rule (lower index first) as the full scan: exact within the candidate set. When the index
     * yields fewer than k items although more are allowed (an exclusion list that leaves few items,
     * or items its graph search does not reach), every item is scored, as on the full scan: a client
     * gets k items whenever k are allowed.
     */
    private static Top onCandidates(ServingModel m, CandidateIndex index, float[] query, Prepared p, int k) {
        if (p.candidates != null) {
            return among(m, Arrays.stream(p.candidates).sorted().distinct().toArray(), query, p, k);
        }
        int[] found = index.candidates(query, k, p.excluded);
        int added = m.numItems() - index.numItems();
        int[] cand = Arrays.copyOf(found, found.length + added);
        for (int j = 0; j < added; j++) {
            cand[found.length + j] = index.numItems() + 1 + j;
        }
        Top top = among(m, cand, query, p, k);
        if (top.items.length < Math.min(k, m.numItems() - p.excluded.cardinality())) {
            int[] all = new int[m.numItems()];
            Arrays.setAll(all, j -> j + 1);
            top = among(m, all, query, p, k);
        }
        return top;
    }

    /** The k best of candidate items (ascending) by the model's exact score, with the request's exclusions. */
    private static Top among(ServingModel m, int[] cand, float[] query, Prepared p, int k) {
        float[] scored = new float[cand.length];
        m.model().scoreItems(query, cand, scored);
        int[] best = TopK.selectAmong(cand, scored, k, p.excluded);
        int[] items = new int[best.length];
        float[] s = new float[best.length];
        for (int j = 0; j < best.length; j++) {
            items[j] = cand[best[j]];
            s[j] = scored[best[j]];
        }
        return new Top(items, s);
    }

    private static Ranking plain(ServingModel m, Prepared p, Top top) {
        List<ScoredItem> items = new ArrayList<>(top.items.length);
        for (int j = 0; j < top.items.length; j++) {
            items.add(new ScoredItem(m.idOf(top.items[j]), top.scores[j]));
        }
        return new Ranking(items, String.valueOf(m.version().id()), p.history.length == 0, p.unknown, p.history.length);
    }

    /** The explain path (opt-in, off the fast path): the ranking with each item's explanation, when the model gives one. */
    private static Ranking explained(ServingModel m, Prepared p, Top top) {
        RankingExplainer explainer = m.model().explain(p.history).map(why -> new RankingExplainer(m, why, p.history))
                .orElse(null);
        List<ScoredItem> items = new ArrayList<>(top.items.length);
        for (int j = 0; j < top.items.length; j++) {
            items.add(new ScoredItem(m.idOf(top.items[j]), top.scores[j],
                    explainer == null ? null : explainer.item(top.items[j])));
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
