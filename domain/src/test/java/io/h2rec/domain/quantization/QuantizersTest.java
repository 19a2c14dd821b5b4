package io.h2rec.domain.quantization;

import io.h2rec.domain.error.InvalidInputException;
import io.h2rec.domain.model.CodebookModel;
import io.h2rec.domain.model.JobListener;
import io.h2rec.domain.model.QuantizerConfig;
import io.h2rec.domain.model.SemanticId;
import io.h2rec.domain.port.out.QuantizationResult;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class QuantizersTest {

    @Test
    void kMeansFindsTwoObviousClusters() {
        float[][] x = {{0, 0}, {0, 1}, {10, 10}, {10, 11}};
        KMeans.Result r = KMeans.fit(x, 0, 2, 2, 20, 1, JobListener.NONE);
        assertEquals(r.assignment()[0], r.assignment()[1]);
        assertEquals(r.assignment()[2], r.assignment()[3]);
        assertNotEquals(r.assignment()[0], r.assignment()[2]);
        float[] low = r.centers()[r.assignment()[0]];
        assertArrayEquals(new float[] {0f, 0.5f}, low, 1e-6f);
        assertEquals(0.25, r.meanSquaredError(), 1e-9); // every point 0.5 from its centre
    }

    @Test
    void kMeansWithMoreCodesThanPointsLeavesNoCodeUndefined() {
        float[][] x = {{0}, {5}};
        KMeans.Result r = KMeans.fit(x, 0, 1, 4, 10, 3, JobListener.NONE);
        assertEquals(4, r.centers().length);
        for (float[] c : r.centers()) {
            assertEquals(1, c.length);
        }
        assertEquals(0.0, r.meanSquaredError(), 1e-12);
    }

    @Test
    void residualKMeansByHand() {
        // 1-D points 0, 1, 10, 11 with L=2, K=2. Level 1: centres 0.5 and 10.5.
        // Residuals -0.5, 0.5, -0.5, 0.5. Level 2: centres -0.5 and 0.5. Reconstruction exact.
        float[][] x = {{0}, {1}, {10}, {11}};
        QuantizationResult r = new ResidualKMeansQuantizer().fit(x, new QuantizerConfig("rqkmeans", 2, 2, 7, Map.of()),
                JobListener.NONE);
        int[][] c = r.codes();
        assertEquals(c[0][0], c[1][0]);
        assertEquals(c[2][0], c[3][0]);
        assertNotEquals(c[0][0], c[2][0]);
        assertEquals(c[0][1], c[2][1]);
        assertEquals(c[1][1], c[3][1]);
        assertNotEquals(c[0][1], c[1][1]);
        assertEquals(0.0, r.reconstructionError(), 1e-10);
        CodebookModel m = r.model();
        assertEquals(0.5f, m.vectors()[0][c[0][0]][0], 1e-6f);
        assertEquals(-0.5f, m.vectors()[1][c[0][1]][0], 1e-6f);
        // A new item at 10.9: level 1 -> the 10.5 centre, residual 0.4 -> the +0.5 centre.
        assertEquals(new SemanticId(new int[] {c[3][0], c[3][1]}), m.assign(new float[] {10.9f}));
        assertEquals(0, SidStatistics.collisions(List.of(new SemanticId(c[0]), new SemanticId(c[1]),
                new SemanticId(c[2]), new SemanticId(c[3]))));
    }

    @Test
    void productQuantizationCodesEachSliceOnItsOwn() {
        // 2-D points, L=2 slices of 1 dimension, K=2: x-slice {0,10}, y-slice {0,10}.
        float[][] x = {{0, 0}, {0, 10}, {10, 0}, {10, 10}};
        QuantizationResult r = new ProductQuantizer().fit(x, new QuantizerConfig("pq", 2, 2, 3, Map.of()),
                JobListener.NONE);
        int[][] c = r.codes();
        assertEquals(c[0][0], c[1][0]);
        assertNotEquals(c[0][0], c[2][0]);
        assertEquals(c[0][1], c[2][1]);
        assertNotEquals(c[0][1], c[1][1]);
        assertEquals(0.0, r.reconstructionError(), 1e-10);
        assertEquals(new SemanticId(c[3]), r.model().assign(new float[] {9, 11}));
        assertThrows(IllegalArgumentException.class, () -> new ProductQuantizer().fit(new float[][] {{1, 2, 3}},
                new QuantizerConfig("pq", 2, 2, 3, Map.of()), JobListener.NONE));
    }

    @Test
    void sameSeedSameCodesOtherSeedOtherCodesForBothKMeansQuantizers() {
        float[][] x = new float[200][8];
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(5);
        for (float[] row : x) {
            for (int j = 0; j < row.length; j++) {
                row[j] = (float) rnd.nextGaussian();
            }
        }
        for (io.h2rec.domain.port.out.Quantizer q : List.of(new ResidualKMeansQuantizer(), new ProductQuantizer())) {
            QuantizerConfig cfg = new QuantizerConfig(q.name(), 2, 16, 11, Map.of());
            QuantizationResult a = q.fit(x, cfg, JobListener.NONE);
            QuantizationResult b = q.fit(x, cfg, JobListener.NONE);
            assertArrayEquals(a.codes(), b.codes(), q.name());
            assertEquals(a.reconstructionError(), b.reconstructionError(), 0.0, q.name());
            int[][] other = q.fit(x, new QuantizerConfig(q.name(), 2, 16, 12, Map.of()), JobListener.NONE).codes();
            assertFalse(java.util.Arrays.deepEquals(a.codes(), other), q.name() + ": the seed must matter");
        }
    }

    @Test
    void unknownOptionsAndCancellationAreRefused() {
        float[][] x = {{0}, {1}};
        assertThrows(InvalidInputException.class, () -> new ResidualKMeansQuantizer().fit(x,
                new QuantizerConfig("rqkmeans", 1, 2, 1, Map.of("iteratons", "5")), JobListener.NONE));
        JobListener cancel = new JobListener() {
            @Override
            public boolean cancelled() {
                return true;
            }
        };
        assertThrows(CancellationException.class, () -> new ResidualKMeansQuantizer().fit(x,
                new QuantizerConfig("rqkmeans", 1, 2, 1, Map.of()), cancel));
    }

    @Test
    void statisticsByHand() {
        List<SemanticId> ids = List.of(new SemanticId(new int[] {0, 1}), new SemanticId(new int[] {0, 1}),
                new SemanticId(new int[] {0, 2}), new SemanticId(new int[] {3, 1}));
        // Tuples: (0,1) twice -> 2 colliding items; 3 distinct tuples.
        assertEquals(2, SidStatistics.collisions(ids));
        assertEquals(3, SidStatistics.distinctTuples(ids));
        // Level 0 uses {0,3} of K=4, level 1 uses {1,2}.
        assertArrayEquals(new double[] {0.5, 0.5}, SidStatistics.utilisation(ids, 2, 4), 1e-12);
    }

    @Test
    void configBounds() {
        assertThrows(InvalidInputException.class, () -> new QuantizerConfig("rqkmeans", 0, 256, 1, Map.of()));
        assertThrows(InvalidInputException.class, () -> new QuantizerConfig("rqkmeans", 4, 1, 1, Map.of()));
        assertThrows(InvalidInputException.class, () -> new QuantizerConfig("kmeans", 4, 256, 1, Map.of()));
    }
}
