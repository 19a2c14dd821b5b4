package io.h2rec.domain.service;

import io.h2rec.domain.model.ItemId;
import io.h2rec.domain.model.ModelVersion;
import io.h2rec.domain.model.RankQuery;
import io.h2rec.domain.model.Ranking;
import io.h2rec.domain.model.RetrievalState;
import io.h2rec.domain.model.ScoredItem;
import io.h2rec.domain.model.SemanticId;
import io.h2rec.domain.model.ServingModel;
import io.h2rec.domain.port.out.CandidateIndex;
import io.h2rec.domain.port.out.RankingModel;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The retrieval path by hand: item i's row is (i, 10 - i), a history's query vector (1, 0) when it
 * ends on an odd item, (0, 1) otherwise; so odd-ending histories rank high indices first, even-ending
 * ones low indices first. The index proposes a fixed set and ignores exclusions, so the service's
 * own filters are what the test sees.
 */
class RankItemsServiceRetrievalTest {
    static final int[] PROPOSED = {2, 3, 5, 7};

    /** An inner-product model over rows (i, 10 - i); cold-start items get row (code0, code1). */
    static final class Model implements RankingModel {
        final float[][] rows;

        Model(float[][] rows) {
            this.rows = rows;
        }

        static Model of(int n) {
            float[][] rows = new float[n + 1][];
            rows[0] = new float[2];
            for (int i = 1; i <= n; i++) {
                rows[i] = new float[] {i, 10 - i};
            }
            return new Model(rows);
        }

        @Override
        public int numItems() {
            return rows.length - 1;
        }

        static float[] query(int[] history) {
            return history[history.length - 1] % 2 == 1 ? new float[] {1, 0} : new float[] {0, 1};
        }

        @Override
        public float[][] score(List<int[]> histories) {
            float[][] out = new float[histories.size()][rows.length];
            for (int h = 0; h < out.length; h++) {
                float[] q = query(histories.get(h));
                for (int i = 1; i < rows.length; i++) {
                    out[h][i] = q[0] * rows[i][0] + q[1] * rows[i][1];
                }
            }
            return out;
        }

        @Override
        public float[] scoreOne(int[] history) {
            return score(List.of(history))[0];
        }

        @Override
        public int maxHistory() {
            return 5;
        }

        @Override
        public boolean supportsColdStart() {
            return true;
        }

        @Override
        public RankingModel withColdStartItems(List<SemanticId> codes) {
            float[][] more = Arrays.copyOf(rows, rows.length + codes.size());
            for (int c = 0; c < codes.size(); c++) {
                more[rows.length + c] = new float[] {codes.get(c).codes()[0], codes.get(c).codes()[1]};
            }
            return new Model(more);
        }

        @Override
        public boolean scoresByInnerProduct() {
            return true;
        }

        @Override
        public float[][] queryVectors(List<int[]> histories) {
            return histories.stream().map(Model::query).toArray(float[][]::new);
        }

        @Override
        public void scoreItems(float[] q, int[] items, float[] out) {
            for (int c = 0; c < items.length; c++) {
                out[c] = q[0] * rows[items[c]][0] + q[1] * rows[items[c]][1];
            }
        }
    }

    static final class Index implements CandidateIndex {
        int calls;

        @Override
        public String method() {
            return "fixed";
        }

        @Override
        public int numItems() {
            return 8;
        }

        @Override
        public int[] candidates(float[] query, int k, BitSet excluded) {
            calls++;
            return PROPOSED.clone();
        }

        @Override
        public long ramBytes() {
            return 0;
        }
    }

    final Index index = new Index();
    final ServingModel exact = new ServingModel(new ModelVersion(3, 1, "h2rec", "file:/x", "abc", null, true, null),
            Model.of(8), ids(8), new float[9]);
    final ServingModel indexed = exact.withRetrieval(RetrievalState.ready(index, "fixed set"));

    static List<ItemId> ids(int n) {
        List<ItemId> ids = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            ids.add(ItemId.of("i" + i));
        }
        return ids;
    }

    static RankQuery query(int k, List<String> candidates, List<String> exclude, String... history) {
        return new RankQuery(Arrays.stream(history).map(ItemId::of).toList(), k, true,
                candidates.stream().map(ItemId::of).toList(), exclude.stream().map(ItemId::of).toList());
    }

    static List<String> items(Ranking r) {
        return r.items().stream().map(s -> s.item().value()).toList();
    }

    static List<Float> scores(Ranking r) {
        return r.items().stream().map(ScoredItem::score).toList();
    }

    @Test
    void anIndexedModelRanksOnlyTheProposedItemsWithItsExactScoresAndTheFilters() {
        RankItemsService service = new RankItemsService(() -> indexed);
        // Odd-ending history: score i. Proposed 2, 3, 5, 7; i3 is history, i7 excluded by the request.
        Ranking r = service.rank(query(2, List.of(), List.of("i7"), "i1", "i3"));
        assertEquals(List.of("i5", "i2"), items(r));
        assertEquals(List.of(5f, 2f), scores(r));
        // The exact path over the whole catalogue would have ranked i8 first: the index decides the set.
        assertEquals(List.of("i8", "i6"), items(new RankItemsService(() -> exact)
                .rank(query(2, List.of(), List.of("i7"), "i1", "i3"))));
        // Even-ending history: score 10 - i, ties none; lowest proposed first.
        assertEquals(List.of("i3", "i5"), items(service.rank(query(2, List.of(), List.of(), "i2"))));
        assertEquals(2, index.calls);
    }

    @Test
    void fewerProposedThanAskedWhileMoreAreAllowedFallsBackToEveryItem() {
        RankItemsService service = new RankItemsService(() -> indexed);
        // Proposed 2, 3, 5, 7 less the history (i1, i3) and the excluded i7: two, for k = 3 while five are allowed.
        Ranking r = service.rank(query(3, List.of(), List.of("i7"), "i1", "i3"));
        Ranking scan = new RankItemsService(() -> exact).rank(query(3, List.of(), List.of("i7"), "i1", "i3"));
        assertEquals(List.of("i8", "i6", "i5"), items(r));
        assertEquals(items(scan), items(r));
        assertEquals(scores(scan), scores(r));
        // Fewer allowed than k: the answer holds all of them, as on the exact path.
        List<String> most = List.of("i2", "i4", "i5", "i6", "i7", "i8");
        assertEquals(List.of(), items(service.rank(query(3, List.of(), most, "i1", "i3"))));
        assertEquals(List.of("i5"), items(service.rank(query(3, List.of(), List.of("i2", "i4", "i6", "i7", "i8"), "i1", "i3"))));
        assertEquals(3, index.calls);
    }

    @Test
    void aRequestsOwnCandidatesAreScoredExactlyWithoutTheIndex() {
        RankItemsService service = new RankItemsService(() -> indexed);
        Ranking r = service.rank(query(10, List.of("i8", "i1", "i8", "i6", "nope"), List.of(), "i1"));
        assertEquals(List.of("i8", "i6"), items(r), "i1 is history, the duplicate i8 counted once");
        assertEquals(List.of(8f, 6f), scores(r));
        assertEquals(List.of(ItemId.of("nope")), r.unknownItems());
        assertEquals(0, index.calls);
    }

    @Test
    void coldStartItemsAddedAfterTheBuildAreScoredBesideTheCandidates() {
        ServingModel more = indexed.withColdStartItems(List.of(ItemId.of("new1"), ItemId.of("new2")),
                List.of(new SemanticId(new int[] {20, 0}), new SemanticId(new int[] {0, 0})));
        Ranking r = new RankItemsService(() -> more).rank(query(3, List.of(), List.of(), "i1"));
        assertEquals(List.of("new1", "i7", "i5"), items(r));
        assertEquals(List.of(20f, 7f, 5f), scores(r));
    }

    @Test
    void aBatchMixesTheFallbackAndTheRetrievalPathInRequestOrder() {
        List<Ranking> rs = new RankItemsService(() -> indexed).rankBatch(List.of(query(1, List.of(), List.of(), "i1"),
                query(1, List.of(), List.of()), query(1, List.of(), List.of(), "i2")));
        assertEquals(List.of("i7"), items(rs.get(0)));
        assertEquals(true, rs.get(1).popularityFallback());
        assertEquals(List.of("i3"), items(rs.get(2)));
    }

    @Test
    void anIndexMustCoverExactlyTheTrainedItems() {
        ServingModel small = new ServingModel(exact.version(), Model.of(5), ids(5), new float[6]);
        assertThrows(IllegalArgumentException.class, () -> small.withRetrieval(RetrievalState.ready(index, "")));
    }
}
