package io.h2rec.adapter.out.inference;

import io.h2rec.domain.model.ModelWeights;
import io.h2rec.domain.model.SemanticId;
import io.h2rec.domain.model.WeightNames;
import io.h2rec.domain.port.out.RankingModel;
import io.h2rec.domain.port.out.ScoreExplanation;
import io.h2rec.testing.ModelFixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static io.h2rec.domain.model.ScorePart.HASH_ID;
import static io.h2rec.domain.model.ScorePart.SEMANTIC_ID;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The explain path against the scores the models rank by: every part of every item, for every family. */
class ExplanationTest {
    static final int ITEMS = 40;
    static final int D = 8;
    static final int T = 6;
    static final int LEVELS = 3;
    static final List<int[]> HISTORIES = List.of(new int[] {3}, new int[] {3, 7, 2}, new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9});

    static ModelWeights weights(String model) {
        return model.equals("sasrec") ? ModelFixtures.sasrec(ITEMS, D, T, 3)
                : ModelFixtures.withSemanticIds(model, ITEMS, D, T, LEVELS, 4);
    }

    /** The bound: |sum of parts - score| <= 1e-5 max(1, |score|), against the batched scores serving ranks by. */
    static void assertPartsSumToScores(RankingModel model, int items) {
        float[][] scores = model.score(HISTORIES);
        for (int h = 0; h < HISTORIES.size(); h++) {
            ScoreExplanation why = model.explain(HISTORIES.get(h)).orElseThrow();
            for (int i = 1; i <= items; i++) {
                double sum = Arrays.stream(why.split(i)).sum();
                float score = scores[h][i];
                assertTrue(Math.abs(sum - score) <= 1e-5 * Math.max(1, Math.abs(score)),
                        "item " + i + ": parts " + Arrays.toString(why.split(i)) + " sum to " + sum + ", score " + score);
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"h2rec, hash_id semantic_id, 3", "h2rec_uniform_gate, hash_id semantic_id, 3",
            "h2rec_no_cross_attention, hash_id semantic_id, 0", "naive_fusion, hash_id semantic_id, 0",
            "sid_only, semantic_id, 0", "sasrec, hash_id, 0"})
    void thePartsSumToTheScore(String model, String parts, int gateLevels) {
        RankingModel m = new JavaInferenceEngine().load(weights(model));
        assertPartsSumToScores(m, ITEMS);
        ScoreExplanation why = m.explain(HISTORIES.get(1)).orElseThrow();
        assertEquals(parts, String.join(" ", why.parts().stream().map(p -> p.key).toList()));
        assertEquals(gateLevels, why.gateWeights().length);
        // Both parts carry weight: neither is the score with a zero beside it.
        for (int p = 0; p < why.parts().size(); p++) {
            int part = p;
            assertTrue(java.util.stream.IntStream.rangeClosed(1, ITEMS).anyMatch(i -> Math.abs(why.split(i)[part]) > 1e-3),
                    model + ": part " + why.parts().get(p) + " is zero for every item");
        }
    }

    @Test
    void semanticIdsAreTheModelsCodes() {
        ModelWeights w = weights("h2rec");
        int[][] codes = SidTables.codes(w);
        for (String model : List.of("h2rec", "naive_fusion", "sid_only")) {
            ScoreExplanation why = new JavaInferenceEngine().load(weights(model)).explain(new int[] {5}).orElseThrow();
            for (int i = 1; i <= ITEMS; i++) {
                assertArrayEquals(codes[i], why.semanticId(i), model + " item " + i);
            }
        }
        assertEquals(0, new JavaInferenceEngine().load(weights("sasrec")).explain(new int[] {5}).orElseThrow()
                .semanticId(5).length);
    }

    /**
     * The gate at the history's last position, by hand from the weights: alpha = softmax(W2 relu(W1 [x; b]
     * + b1) + b2 + b) with x = sqrt(d) h(last) + Pos[T-1] and the prior b = linspace(1, 0.2, L).
     */
    @Test
    void theGateWeightsAreTheUsersGateAtTheLastPosition() {
        ModelWeights w = weights("h2rec");
        RankingModel m = new JavaInferenceEngine().load(w);
        int[] history = HISTORIES.get(1);
        float[] hid = w.array(WeightNames.HID).values();
        float[] pos = w.array(WeightNames.POSITIONS).values();
        float[] w1 = w.array(WeightNames.denseWeight(WeightNames.GATE1)).values();
        float[] b1 = w.array(WeightNames.denseBias(WeightNames.GATE1)).values();
        float[] w2 = w.array(WeightNames.denseWeight(WeightNames.GATE2)).values();
        float[] b2 = w.array(WeightNames.denseBias(WeightNames.GATE2)).values();
        int hidden = b1.length;
        double[] in = new double[D + LEVELS];
        int last = history[history.length - 1];
        for (int j = 0; j < D; j++) {
            in[j] = Math.sqrt(D) * hid[last * D + j] + pos[(T - 1) * D + j];
        }
        double[] prior = new double[LEVELS];
        for (int l = 0; l < LEVELS; l++) {
            prior[l] = 1.0 - 0.8 * l / (LEVELS - 1);
            in[D + l] = prior[l];
        }
        double[] g = prior.clone();
        for (int o = 0; o < hidden; o++) {
            double a = b1[o];
            for (int j = 0; j < in.length; j++) {
                a += in[j] * w1[j * hidden + o];
            }
            for (int l = 0; l < LEVELS; l++) {
                g[l] += Math.max(0, a) * w2[o * LEVELS + l];
            }
        }
        double z = 0;
        for (int l = 0; l < LEVELS; l++) {
            g[l] = Math.exp(g[l] + b2[l]);
            z += g[l];
        }
        float[] alpha = m.explain(history).orElseThrow().gateWeights();
        for (int l = 0; l < LEVELS; l++) {
            assertEquals(g[l] / z, alpha[l], 1e-5, "level " + l);
        }
        float[] uniform = new JavaInferenceEngine().load(weights("h2rec_uniform_gate")).explain(history).orElseThrow()
                .gateWeights();
        assertArrayEquals(new float[] {1f / 3, 1f / 3, 1f / 3}, uniform, 1e-7f);
    }

    /** A new item scores through the semantic-ID branch alone: its hash-ID part is exactly zero. */
    @ParameterizedTest
    @CsvSource({"h2rec", "naive_fusion", "sid_only"})
    void aColdStartItemHasNoHashIdPart(String model) {
        SemanticId codes = new SemanticId(new int[] {1, 3, 2});
        RankingModel m = new JavaInferenceEngine().load(weights(model)).withColdStartItems(List.of(codes));
        assertPartsSumToScores(m, ITEMS + 1);
        ScoreExplanation why = m.explain(new int[] {3, 7, ITEMS + 1}).orElseThrow();
        assertArrayEquals(codes.codes(), why.semanticId(ITEMS + 1));
        double[] split = why.split(ITEMS + 1);
        int hidIndex = why.parts().indexOf(HASH_ID);
        if (hidIndex >= 0) {
            assertEquals(0.0, split[hidIndex], model);
        }
        assertTrue(Math.abs(split[why.parts().indexOf(SEMANTIC_ID)]) > 0, model);
    }

    @Test
    void thePopularityBaselineExplainsNothing() {
        RankingModel popular = new io.h2rec.domain.baseline.MostPopularScorer(new int[] {0, 5, 3});
        assertTrue(popular.explain(new int[] {1}).isEmpty());
    }
}
