package io.h2rec.domain.quantization;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PcaTest {

    @Test
    void pointsOnALineProjectOntoItsDirection() {
        // (1,1), (2,2), (3,3): centred (-1,-1), (0,0), (1,1); the first component is (1,1)/sqrt 2,
        // so the projections are -sqrt 2, 0, sqrt 2 (up to the component's sign).
        float[][] p = Pca.project(new float[][] {{1, 1}, {2, 2}, {3, 3}}, 1);
        assertEquals(Math.sqrt(2), Math.abs(p[0][0]), 1e-5);
        assertEquals(0, p[1][0], 1e-5);
        assertEquals(-p[0][0], p[2][0], 1e-5);
    }

    @Test
    void componentsComeInOrderOfVariance() {
        // Variance 4 along x, 1 along y: the first component is x, the second y.
        float[][] x = {{2, 0}, {-2, 0}, {0, 1}, {0, -1}};
        float[][] p = Pca.project(x, 2);
        assertEquals(2, Math.abs(p[0][0]), 1e-5);
        assertEquals(0, p[0][1], 1e-5);
        assertEquals(1, Math.abs(p[2][1]), 1e-5);
    }
}
