package io.h2rec.domain.service;

import io.h2rec.domain.dataset.DatasetPreparation;
import io.h2rec.domain.error.InvalidInputException;
import io.h2rec.domain.evaluation.Evaluator;
import io.h2rec.domain.evaluation.EvaluatorTest;

import io.h2rec.domain.model.DatasetSplit;
import io.h2rec.domain.model.EvalTarget;
import io.h2rec.domain.model.EvaluationProtocol;
import io.h2rec.domain.model.EvaluationResult;
import io.h2rec.domain.model.Interaction;
import io.h2rec.domain.model.ItemId;
import io.h2rec.domain.model.PreparationParams;
import io.h2rec.domain.model.Protocol;
import io.h2rec.domain.model.RawDataset;
import io.h2rec.domain.model.SplitProtocol;
import io.h2rec.domain.port.out.Scorer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import static io.h2rec.domain.model.MetricValue.HR;
import static io.h2rec.domain.model.MetricValue.NDCG;
import static io.h2rec.domain.model.MetricValue.SUPPORT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The temporal split worked by hand. Items a..e are indices 1..5; times in seconds (the readers'
 * ticks are seconds * 1000):
 * <pre>
 *   u1: a@1 b@2 c@3 d@7 e@9
 *   u2: b@1 a@4 c@6 e@8
 *   u3: c@5 d@6 e@10
 *   u4: e@8 d@9 a@10
 * </pre>
 * The 15 timestamps sorted: 1 1 2 3 4 5 6 6 7 8 8 9 9 10 10. Quantile 0.4 is index floor(6.0) = 6,
 * t1 = 6; quantile 0.7 is index floor(10.5) = 10, t2 = 8. Training = events before 6: u1 [a b c],
 * u2 [b a], u3 [c], u4 nothing; popularity a 2, b 2, c 2, d 0, e 0, so d and e are cold.
 * Validation = events in [6, 8) with an earlier event: u1 d (input a b c), u2 c (input b a),
 * u3 d (input c). Test = events at or after 8 with an earlier event: u1 e (input a b c d), u2 e
 * (input b a c), u3 e (input c d), u4 d (input e), u4 a (input e d); u4's e@8 is its first event,
 * no target.
 */
class TemporalSplitTest {
    private static final int A = 1;
    private static final int B = 2;
    private static final int C = 3;
    private static final int D = 4;
    private static final int E = 5;

    private static Interaction at(String user, String item, long seconds) {
        return new Interaction(user, ItemId.of(item), seconds * SplitProtocol.TICKS_PER_SECOND);
    }

    private static List<Interaction> events() {
        return List.of(at("u1", "a", 1), at("u1", "b", 2), at("u1", "c", 3), at("u1", "d", 7), at("u1", "e", 9),
                at("u2", "b", 1), at("u2", "a", 4), at("u2", "c", 6), at("u2", "e", 8),
                at("u3", "c", 5), at("u3", "d", 6), at("u3", "e", 10),
                at("u4", "e", 8), at("u4", "d", 9), at("u4", "a", 10));
    }

    private static DatasetSplit prepare(SplitProtocol split) {
        return DatasetPreparation.prepare(new RawDataset("toy", "test", "memory", events(), List.of(), true),
                new PreparationParams(1, 3, split));
    }

    private static List<String> cases(DatasetSplit s, EvalTarget t) {
        List<String> out = new ArrayList<>();
        for (int c = 0; c < s.cases(t); c++) {
            StringBuilder sb = new StringBuilder(s.user(s.caseUser(t, c)).userId()).append(':');
            for (int i : s.caseInput(t, c)) {
                sb.append((char) ('a' + i - 1));
            }
            out.add(sb.append("->").append((char) ('a' + s.caseTarget(t, c) - 1)).toString());
        }
        return out;
    }

    @Test
    void quantileCutsSplitByTheGlobalClock() {
        DatasetSplit s = prepare(SplitProtocol.temporal(0.4, 0.7));
        assertEquals(6_000, s.validationFrom().orElseThrow());
        assertEquals(8_000, s.testFrom().orElseThrow());
        assertArrayEquals(new int[] {A, B, C}, s.trainingSequence(0));
        assertArrayEquals(new int[] {B, A}, s.trainingSequence(1));
        assertArrayEquals(new int[] {C}, s.trainingSequence(2));
        assertArrayEquals(new int[] {}, s.trainingSequence(3));
        assertArrayEquals(new int[] {0, 2, 2, 2, 0, 0}, s.trainingPopularity());
        assertEquals(6, s.trainingInteractions());
        assertEquals(List.of("u1:abc->d", "u2:ba->c", "u3:c->d"), cases(s, EvalTarget.VALIDATION));
        assertEquals(List.of("u1:abcd->e", "u2:bac->e", "u3:cd->e", "u4:e->d", "u4:ed->a"), cases(s, EvalTarget.TEST));
        assertEquals(4, s.casePosition(EvalTarget.TEST, 0));
        // Per-user leave-one-out targets mean nothing here.
        assertThrows(IllegalStateException.class, () -> s.testTarget(0));
    }

    @Test
    void absoluteCutsInEpochSecondsGiveTheSameSplit() {
        DatasetSplit byTime = prepare(SplitProtocol.temporal(6, 8));
        DatasetSplit byQuantile = prepare(SplitProtocol.temporal(0.4, 0.7));
        assertEquals(cases(byQuantile, EvalTarget.TEST), cases(byTime, EvalTarget.TEST));
        assertEquals(cases(byQuantile, EvalTarget.VALIDATION), cases(byTime, EvalTarget.VALIDATION));
        // Same events, other parameters: another fingerprint.
        assertNotEquals(byQuantile.fingerprint(), byTime.fingerprint());
    }

    @Test
    void leaveOneOutIsUnchangedAndKeepsItsFingerprint() {
        DatasetSplit loo = prepare(SplitProtocol.LEAVE_ONE_OUT);
        DatasetSplit implicit = DatasetPreparation.prepare(new RawDataset("toy", "test", "memory", events(), List.of()),
                new PreparationParams(1, 3));
        assertEquals(implicit.fingerprint(), loo.fingerprint());
        assertEquals(List.of("u1:abc->d", "u2:ba->c", "u3:c->d", "u4:e->d"), cases(loo, EvalTarget.VALIDATION));
        assertEquals(List.of("u1:abcd->e", "u2:bac->e", "u3:cd->e", "u4:ed->a"), cases(loo, EvalTarget.TEST));
        assertEquals(A, loo.testTarget(3));
        assertTrue(loo.validationFrom().isEmpty());
        assertNotEquals(loo.fingerprint(), prepare(SplitProtocol.temporal(0.4, 0.7)).fingerprint());
    }

    @Test
    void aSourceWithoutTimeCannotBeSplitInTime() {
        RawDataset ordered = new RawDataset("Beauty", "letter-json", "memory", events(), List.of());
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> DatasetPreparation.prepare(ordered, new PreparationParams(1, 3, SplitProtocol.temporal())));
        assertTrue(e.getMessage().contains("has no timestamps"), e.getMessage());
    }

    @Test
    void cutsThatLeaveNoTestTargetAreRefused() {
        // t2 = 100 s: after every event.
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> prepare(SplitProtocol.temporal(6, 100)));
        assertTrue(e.getMessage().contains("8 validation and 0 test targets"), e.getMessage());
    }

    @Test
    void coldTargetsAreTheirOwnGroupBesideHeadAndTail() {
        DatasetSplit s = prepare(SplitProtocol.temporal(0.4, 0.7));
        // Head = round(0.2 * 5) = 1 item, the most popular with ties to the lower index: a. One bucket
        // edge pair {1, 3}: every item (popularity 0..2) is in b1_2.
        EvaluationProtocol protocol = new EvaluationProtocol(new int[] {1, 2}, 1, 7L, 0.2, new int[] {1, 3});
        // Scores: d 0.5 > e 0.4 > c 0.3 > b 0.2 > a 0.1.
        float[] scores = {0f, 0.1f, 0.2f, 0.3f, 0.5f, 0.4f};
        EvaluationResult r = new Evaluator(s, protocol).evaluate(fixed(scores), EvalTarget.TEST,
                EnumSet.of(Protocol.FULL));
        // u1 e, input a b c d excluded: nothing left above -> rank 0.
        // u2 e, input b a c: d above -> rank 1.
        // u3 e, input c d: rank 0.  u4 d, input e: rank 0.  u4 a, input e d: c and b above -> rank 2.
        assertEquals(5, get(r, "overall", SUPPORT, 0));
        assertEquals(3.0 / 5, get(r, "overall", HR, 1), 1e-12);
        assertEquals(4.0 / 5, get(r, "overall", HR, 2), 1e-12);
        // Cold: e, e, e, d (ranks 0, 1, 0, 0); they are tail items too.
        assertEquals(4, get(r, "cold", SUPPORT, 0));
        assertEquals(3.0 / 4, get(r, "cold", HR, 1), 1e-12);
        double g = 1 / (Math.log(3) / Math.log(2));
        assertEquals((3 + g) / 4, get(r, "cold", NDCG, 2), 1e-12);
        assertEquals(4, get(r, "tail", SUPPORT, 0));
        assertEquals(1, get(r, "head", SUPPORT, 0));
        assertEquals(0.0, get(r, "head", HR, 2), 1e-12);
        assertEquals(5, get(r, "b1_2", SUPPORT, 0));
        // Leave-one-out reports no cold group at all (its metric set is what it always was).
        EvaluationResult loo = new Evaluator(prepare(SplitProtocol.LEAVE_ONE_OUT), protocol).evaluate(fixed(scores),
                EvalTarget.TEST, EnumSet.of(Protocol.FULL));
        assertTrue(loo.find(EvalTarget.TEST, Protocol.FULL, "cold", SUPPORT, 0).isEmpty());
    }

    @Test
    void sampledNegativesAreDrawnOutsideTheUsersWholeHistory() {
        DatasetSplit s = prepare(SplitProtocol.temporal(0.4, 0.7));
        EvaluationProtocol protocol = new EvaluationProtocol(new int[] {1}, 1, 7L, 0.2, new int[] {1});
        float[] scores = {0f, 0.1f, 0.2f, 0.3f, 0.5f, 0.4f};
        EvaluationResult r = new Evaluator(s, protocol).evaluate(fixed(scores), EvalTarget.TEST,
                EnumSet.of(Protocol.SAMPLED100));
        // Negatives come from items the user never saw. u1 saw all five: no negative, rank 0. u2's only
        // unseen item is d (0.5) above its e -> miss. u3: a or b, both below e -> hit. u4 (b or c unseen):
        // d beats both -> hit; a loses to both -> miss.
        assertEquals(5, r.get(EvalTarget.TEST, Protocol.SAMPLED100, "overall", SUPPORT, 0));
        assertEquals(3.0 / 5, r.get(EvalTarget.TEST, Protocol.SAMPLED100, "overall", HR, 1), 1e-12);
    }

    private static double get(EvaluationResult r, String group, String metric, int k) {
        return r.get(EvalTarget.TEST, Protocol.FULL, group, metric, k);
    }

    private static Scorer fixed(float[] scores) {
        return EvaluatorTest.fixed(scores);
    }
}
