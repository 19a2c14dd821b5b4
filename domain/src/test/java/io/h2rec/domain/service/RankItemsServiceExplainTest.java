package io.h2rec.domain.service;

import io.h2rec.domain.model.ItemExplanation;
import io.h2rec.domain.model.ItemId;
import io.h2rec.domain.model.ModelVersion;
import io.h2rec.domain.model.RankQuery;
import io.h2rec.domain.model.Ranking;
import io.h2rec.domain.model.ScorePart;
import io.h2rec.domain.model.ScoredItem;
import io.h2rec.domain.model.SemanticId;
import io.h2rec.domain.model.ServingModel;
import io.h2rec.domain.port.out.RankingModel;
import io.h2rec.domain.port.out.ScoreExplanation;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Explained rankings by hand: six items with known codes and parts, a history of three. */
class RankItemsServiceExplainTest {
    /** Codes of items 1..6 (index 0 is padding), L = 3. */
    static final int[][] CODES = {{}, {1, 2, 3}, {1, 2, 0}, {1, 5, 5}, {2, 0, 0}, {1, 2, 3}, {3, 3, 3}};
    /** Each item's score is hash part i/10 plus semantic part i. */
    static final float[] SCORES = {0, 1.1f, 2.2f, 3.3f, 4.4f, 5.5f, 6.6f};

    /** Counts explain calls: ranking without explain must not make any. */
    static final class Model implements RankingModel {
        int explained;

        @Override
        public int numItems() {
            return 6;
        }

        @Override
        public float[][] score(List<int[]> histories) {
            float[][] out = new float[histories.size()][];
            for (int h = 0; h < out.length; h++) {
                out[h] = SCORES.clone();
            }
            return out;
        }

        @Override
        public float[] scoreOne(int[] history) {
            return SCORES.clone();
        }

        @Override
        public int maxHistory() {
            return 3;
        }

        @Override
        public boolean supportsColdStart() {
            return false;
        }

        @Override
        public RankingModel withColdStartItems(List<SemanticId> codes) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<ScoreExplanation> explain(int[] history) {
            explained++;
            return Optional.of(new ScoreExplanation() {
                @Override
                public List<ScorePart> parts() {
                    return List.of(ScorePart.HASH_ID, ScorePart.SEMANTIC_ID);
                }

                @Override
                public double[] split(int item) {
                    return new double[] {item / 10.0, item};
                }

                @Override
                public float[] gateWeights() {
                    return new float[] {0.5f, 0.3f, 0.2f};
                }

                @Override
                public int[] semanticId(int item) {
                    return CODES[item].clone();
                }
            });
        }
    }

    final Model model = new Model();
    final RankItemsService service = new RankItemsService(() -> new ServingModel(
            new ModelVersion(7, 1, "h2rec", "file:/x", "abc", null, true, null), model, ids(), new float[7]));

    static List<ItemId> ids() {
        List<ItemId> ids = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            ids.add(ItemId.of("i" + i));
        }
        return ids;
    }

    static RankQuery query(boolean explain, String... history) {
        return new RankQuery(List.of(history).stream().map(ItemId::of).toList(), 6, true, List.of(), List.of(), explain);
    }

    static ItemExplanation of(Ranking r, String item) {
        return r.items().stream().filter(s -> s.item().value().equals(item)).findFirst().orElseThrow().explanation();
    }

    @Test
    void eachItemIsExplainedByItsPartsAndTheHistoryItemsNearestInTheSidTree() {
        // History, oldest first: i1 [1,2,3], i2 [1,2,0], i4 [2,0,0]; the ranking is i6 i5 i3.
        Ranking r = service.rank(query(true, "i1", "i2", "i4"));
        assertEquals(List.of("i6", "i5", "i3"), r.items().stream().map(s -> s.item().value()).toList());
        assertEquals(List.of(ScorePart.HASH_ID, ScorePart.SEMANTIC_ID), r.explanation().parts());
        assertArrayEquals(new float[] {0.5f, 0.3f, 0.2f}, r.explanation().gateWeights());
        // i5 [1,2,3] shares all three levels with i1, two with i2, none with i4.
        ItemExplanation i5 = of(r, "i5");
        assertEquals(Map.of(ScorePart.HASH_ID, 0.5f, ScorePart.SEMANTIC_ID, 5f), i5.parts());
        assertArrayEquals(new int[] {1, 2, 3}, i5.semanticId());
        assertEquals(3, i5.sharedPrefix());
        assertEquals(List.of(ItemId.of("i1")), i5.sharedWith());
        // i3 [1,5,5] shares the first level with i1 and i2: both, most recent first.
        assertEquals(1, of(r, "i3").sharedPrefix());
        assertEquals(List.of(ItemId.of("i2"), ItemId.of("i1")), of(r, "i3").sharedWith());
        // i6 [3,3,3] shares nothing.
        assertEquals(0, of(r, "i6").sharedPrefix());
        assertEquals(List.of(), of(r, "i6").sharedWith());
        assertEquals(1, model.explained);
    }

    @Test
    void aRepeatedHistoryItemIsNamedOnceAndOnlyTheModelsWindowCounts() {
        // maxHistory is 3: i5 (oldest) is cut, so i1 [1,2,3] is nearest to itself through the window's i1 only.
        Ranking r = service.rank(new RankQuery(List.of(ItemId.of("i5"), ItemId.of("i1"), ItemId.of("i4"),
                ItemId.of("i1")), 6, false, List.of(), List.of(), true));
        assertEquals(3, r.historyUsed());
        ItemExplanation i1 = of(r, "i1");
        assertEquals(3, i1.sharedPrefix());
        assertEquals(List.of(ItemId.of("i1")), i1.sharedWith());
    }

    @Test
    void withoutExplainNothingOfThatPathRuns() {
        List<Ranking> rs = service.rankBatch(List.of(query(false, "i1"), query(true, "i1"), query(false, "i2")));
        assertNull(rs.get(0).explanation());
        assertNull(rs.get(2).explanation());
        rs.get(0).items().forEach(s -> assertNull(s.explanation()));
        assertEquals(1, model.explained, "only the query that asked was explained");
        // Scores are the ranking's, explained or not.
        assertEquals(rs.get(0).items().stream().map(ScoredItem::score).toList().subList(0, 4),
                rs.get(1).items().stream().map(ScoredItem::score).toList().subList(0, 4));
    }

    @Test
    void aPopularityFallbackIsNotExplained() {
        Ranking r = service.rank(query(true));
        assertEquals(true, r.popularityFallback());
        assertNull(r.explanation());
        r.items().forEach(s -> assertNull(s.explanation()));
        assertEquals(0, model.explained);
    }
}
