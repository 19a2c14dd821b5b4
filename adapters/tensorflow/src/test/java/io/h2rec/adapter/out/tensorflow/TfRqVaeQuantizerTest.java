package io.h2rec.adapter.out.tensorflow;

import io.h2rec.domain.error.InvalidInputException;
import io.h2rec.domain.model.JobListener;
import io.h2rec.domain.model.QuantizerConfig;
import io.h2rec.domain.model.SemanticId;
import io.h2rec.domain.port.out.QuantizationResult;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TfRqVaeQuantizerTest {

    static float[][] clusters(int n, int d, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[][] centres = new float[6][d];
        for (float[] c : centres) {
            for (int j = 0; j < d; j++) {
                c[j] = (float) r.nextGaussian();
            }
        }
        float[][] x = new float[n][d];
        for (int i = 0; i < n; i++) {
            float[] c = centres[i % centres.length];
            for (int j = 0; j < d; j++) {
                x[i][j] = c[j] + (float) (0.1 * r.nextGaussian());
            }
        }
        return x;
    }

    /**
     * A level's term by hand (h2rec-model.md §1): residuals (1, 2) and (0, 0), chosen codes (0, 0) and (1, 1):
     * squared norms 5 and 2, batch mean 3.5; codebook term 3.5 + beta 0.25 x commitment 3.5 = 4.375 (a mean over
     * the elements, the old scale, gives 2.1875).
     */
    @Test
    void aLevelsTermIsTheSpecsSquaredNormsAveragedOverTheBatch() {
        try (Graph g = new Graph(); Session s = new Session(g)) {
            Ops tf = Ops.create(g);
            Operand<TFloat32> term = TfRqVaeQuantizer.quantizationLoss(tf,
                    tf.constant(new float[][] {{1, 2}, {0, 0}}), tf.constant(new float[][] {{0, 0}, {1, 1}}), 0.25f);
            try (Result r = s.runner().fetch(term).run()) {
                assertEquals(4.375f, ((TFloat32) r.get(0)).getFloat(), 1e-6f);
            }
        }
    }

    @Test
    void trainsCodesThatTheExportedEncoderReproduces() {
        float[][] x = clusters(240, 24, 3);
        QuantizerConfig config = new QuantizerConfig("rqvae", 2, 8, 11,
                Map.of("epochs", "20", "batch", "64", "code_dim", "8"));
        QuantizationResult r = new TfRqVaeQuantizer().fit(x, config, JobListener.NONE);
        assertEquals(240, r.codes().length);
        assertEquals(8, r.model().codeDim());
        assertEquals(24, r.model().inputDim());
        assertTrue(Double.isFinite(r.reconstructionError()));
        int agree = 0;
        for (int i = 0; i < x.length; i++) {
            for (int c : r.codes()[i]) {
                assertTrue(c >= 0 && c < 8);
            }
            if (r.model().assign(x[i]).equals(new SemanticId(r.codes()[i]))) {
                agree++;
            }
        }
        // The Java assignment (cold start) reproduces TF's codes, float rounding aside.
        assertTrue(agree >= 235, "Java assignment agrees with TF on " + agree + " of 240 items");
        // Items of one cluster share their first-level code.
        assertEquals(r.codes()[0][0], r.codes()[6][0]);
    }

    @Test
    void seededAndCancellable() {
        float[][] x = clusters(60, 12, 5);
        QuantizerConfig config = new QuantizerConfig("rqvae", 2, 4, 3, Map.of("epochs", "3", "code_dim", "4"));
        assertArrayEquals(new TfRqVaeQuantizer().fit(x, config, JobListener.NONE).codes(),
                new TfRqVaeQuantizer().fit(x, config, JobListener.NONE).codes());
        JobListener cancel = new JobListener() {
            @Override
            public boolean cancelled() {
                return true;
            }
        };
        assertThrows(CancellationException.class, () -> new TfRqVaeQuantizer().fit(x, config, cancel));
        assertThrows(InvalidInputException.class, () -> new TfRqVaeQuantizer().fit(x,
                new QuantizerConfig("rqvae", 2, 4, 3, Map.of("epoch", "3")), JobListener.NONE));
    }
}
