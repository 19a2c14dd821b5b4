package io.h2rec.domain.evaluation;

import io.h2rec.domain.baseline.MostPopularScorer;

import io.h2rec.domain.model.DatasetSplit;
import io.h2rec.domain.model.EvalTarget;
import io.h2rec.domain.model.EvaluationProtocol;
import io.h2rec.domain.model.EvaluationResult;
import io.h2rec.domain.model.FilterStats;
import io.h2rec.domain.model.Item;
import io.h2rec.domain.model.ItemId;
import io.h2rec.domain.model.PreparationParams;
import io.h2rec.domain.model.Protocol;
import io.h2rec.domain.model.UserSequence;
import io.h2rec.domain.port.out.Scorer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import static io.h2rec.domain.model.MetricValue.HR;
import static io.h2rec.domain.model.MetricValue.NDCG;
import static io.h2rec.domain.model.MetricValue.SUPPORT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

public class EvaluatorTest {
    // Items 1..5; u0 = [1,2,3,4], u1 = [2,1,2], u2 = [2,3,1].
    // Training prefixes: u0 [1,2], u1 [2], u2 [2] -> popularity item1 = 1, item2 = 3, others 0.
    // Head = round(0.2 * 5) = 1 item: item 2. Buckets with edges {1, 3}: "b1_2" (0..2) and "b3_".
    static final EvaluationProtocol PROTOCOL = new EvaluationProtocol(new int[] {1, 2}, 1, 7L, 0.2, new int[] {1, 3});
    // A fixed scorer: 2 > 3 > 4 > 1 > 5.
    static final float[] SCORES = {0f, 0.25f, 0.5f, 0.4f, 0.3f, 0.2f};

    public static DatasetSplit split() {
        List<Item> items = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            items.add(new Item(ItemId.of(String.valueOf(i)), Map.of()));
        }
        List<UserSequence> users = List.of(new UserSequence("u0", new int[] {1, 2, 3, 4}),
                new UserSequence("u1", new int[] {2, 1, 2}), new UserSequence("u2", new int[] {2, 3, 1}));
        return new DatasetSplit("toy", PreparationParams.DEFAULT, new FilterStats(3, 5, 10, 3, 5, 10, 1), items,
                users, "f");
    }

    public static Scorer fixed(float[] scores) {
        return new Scorer() {
            @Override
            public int numItems() {
                return scores.length - 1;
            }

            @Override
            public float[][] score(List<int[]> histories) {
                return histories.stream().map(h -> scores.clone()).toArray(float[][]::new);
            }
        };
    }

    @Test
    void fullRankingTestTargetsByHand() {
        DatasetSplit split = split();
        assertEquals(3, split.numUsers());
        EvaluationResult r = new Evaluator(split, PROTOCOL).evaluate(fixed(SCORES), EvalTarget.TEST,
                EnumSet.of(Protocol.FULL));
        // u0: target 4 (0.3), 1/2/3 excluded, only 5 (0.2) left -> rank 0.
        // u1: target 2 (0.5), 1 excluded, nothing above -> rank 0.
        // u2: target 1 (0.25), 2/3 excluded, 4 (0.3) above -> rank 1.
        double g = 1 / (Math.log(3) / Math.log(2));
        assertEquals(2.0 / 3, get(r, "overall", HR, 1), 1e-12);
        assertEquals(1.0, get(r, "overall", HR, 2), 1e-12);
        assertEquals(2.0 / 3, get(r, "overall", NDCG, 1), 1e-12);
        assertEquals((2 + g) / 3, get(r, "overall", NDCG, 2), 1e-12);
        assertEquals(3, get(r, "overall", SUPPORT, 0));
        // Head: u1 (target 2). Tail: u0 and u2.
        assertEquals(1, get(r, "head", SUPPORT, 0));
        assertEquals(1.0, get(r, "head", NDCG, 2), 1e-12);
        assertEquals(2, get(r, "tail", SUPPORT, 0));
        assertEquals(0.5, get(r, "tail", HR, 1), 1e-12);
        assertEquals((1 + g) / 2, get(r, "tail", NDCG, 2), 1e-12);
        // Buckets: targets 4 (pop 0) and 1 (pop 1) in b1_2, target 2 (pop 3) in b3_.
        assertEquals(2, get(r, "b1_2", SUPPORT, 0));
        assertEquals(1, get(r, "b3_", SUPPORT, 0));
        assertEquals(1.0, get(r, "b3_", HR, 1), 1e-12);
    }

    @Test
    void fullRankingValidationTargetsByHand() {
        EvaluationResult r = new Evaluator(split(), PROTOCOL).evaluate(fixed(SCORES), EvalTarget.VALIDATION,
                EnumSet.of(Protocol.FULL));
        // u0: input [1,2], target 3 (0.4): 2 excluded -> rank 0.
        // u1: input [2], target 1 (0.25): 3 (0.4) and 4 (0.3) above -> rank 2.
        // u2: input [2], target 3 (0.4) -> rank 0.
        assertEquals(2.0 / 3, r.get(EvalTarget.VALIDATION, Protocol.FULL, "overall", HR, 1), 1e-12);
        assertEquals(2.0 / 3, r.get(EvalTarget.VALIDATION, Protocol.FULL, "overall", HR, 2), 1e-12);
    }

    @Test
    void eachCasesFullRankIsTheOneTheMetricsCount() {
        Evaluator e = new Evaluator(split(), PROTOCOL);
        // the cases worked by hand above: test ranks 0, 0, 1; validation ranks 0, 2, 0
        assertEquals(List.of(0, 0, 1), java.util.Arrays.stream(e.fullRanks(fixed(SCORES), EvalTarget.TEST)).boxed().toList());
        assertEquals(List.of(0, 2, 0), java.util.Arrays.stream(e.fullRanks(fixed(SCORES), EvalTarget.VALIDATION)).boxed()
                .toList());
        assertThrows(IllegalArgumentException.class, () -> e.fullRanks(fixed(new float[] {0f, 1f}), EvalTarget.TEST));
    }

    @Test
    void sampledProtocolUsesTheSeededNegativesOfEachUser() {
        DatasetSplit split = split();
        EvaluationResult r = new Evaluator(split, PROTOCOL).evaluate(fixed(SCORES), EvalTarget.TEST,
                EnumSet.of(Protocol.SAMPLED100));
        // u0 has every item but 5: its negative is 5 (0.2) < target 4 (0.3) -> rank 0.
        // u1's target 2 has the top score -> rank 0 whatever the negative.
        // u2 = {1,2,3}: its negative is 4 (0.3, above target 1) or 5 (0.2, below), as the seed says.
        BitSet u2 = new BitSet();
        u2.set(1, 4);
        int negative = new NegativeSampler(5, 7L).sample(2, EvalTarget.TEST.ordinal(), u2, 1)[0];
        double expected = negative == 4 ? 2.0 / 3 : 1.0;
        assertEquals(expected, r.get(EvalTarget.TEST, Protocol.SAMPLED100, "overall", HR, 1), 1e-12);
        assertEquals(1.0, r.get(EvalTarget.TEST, Protocol.SAMPLED100, "overall", HR, 2), 1e-12);
    }

    @Test
    void mostPopularRanksByTrainingCounts() {
        DatasetSplit split = split();
        EvaluationResult r = new Evaluator(split, PROTOCOL).evaluate(
                new MostPopularScorer(split.trainingPopularity()), EvalTarget.TEST, EnumSet.of(Protocol.FULL));
        // Scores = popularity {1:1, 2:3, 3:0, 4:0, 5:0}.
        // u0: target 4 (0), excluded 1,2,3; 5 ties at 0 -> rank 1 (pessimistic).
        // u1: target 2 (3), excluded 1 -> rank 0.
        // u2: target 1 (1), excluded 2,3; 4 and 5 score 0 -> rank 0.
        assertEquals(2.0 / 3, get(r, "overall", HR, 1), 1e-12);
        assertEquals(1.0, get(r, "overall", HR, 2), 1e-12);
    }

    @Test
    void groupsWithoutUsersReportZeroSupportAndNoMetric() {
        EvaluationProtocol p = new EvaluationProtocol(new int[] {1}, 1, 7L, 0.2, new int[] {1, 3, 100});
        EvaluationResult r = new Evaluator(split(), p).evaluate(fixed(SCORES), EvalTarget.TEST,
                EnumSet.of(Protocol.FULL));
        assertEquals(0, r.get(EvalTarget.TEST, Protocol.FULL, "b100_", SUPPORT, 0));
        assertTrue(r.find(EvalTarget.TEST, Protocol.FULL, "b100_", HR, 1).isEmpty());
    }

    @Test
    void refusesAScorerOverAnotherCatalogue() {
        Evaluator e = new Evaluator(split(), PROTOCOL);
        assertThrows(IllegalArgumentException.class,
                () -> e.evaluate(fixed(new float[] {0, 1}), EvalTarget.TEST, EnumSet.of(Protocol.FULL)));
    }

    private static double get(EvaluationResult r, String group, String metric, int k) {
        return r.get(EvalTarget.TEST, Protocol.FULL, group, metric, k);
    }
}
