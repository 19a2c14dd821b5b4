package io.h2rec.serving.model;

import io.h2rec.adapter.out.inference.JavaInferenceEngine;
import io.h2rec.domain.model.ModelWeights;
import io.h2rec.testing.ModelFixtures;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * A version skips the full warm-up only when an earlier one ran the same compiled code: same scorer
 * class, type, item count and array shapes. Weights may differ; anything that changes a loop's trip
 * count or the scorer must not.
 */
class ModelShapeTest {
    private final JavaInferenceEngine engine = new JavaInferenceEngine();

    private String shape(ModelWeights w) {
        return Warmup.shape(w, engine.load(w));
    }

    @Test
    void aRetrainedModelHasItsSiblingsShape() {
        assertEquals(shape(ModelFixtures.h2rec(120, 16, 20, 3, 1)), shape(ModelFixtures.h2rec(120, 16, 20, 3, 2)));
    }

    @Test
    void anotherCatalogueWidthModelOrFamilyIsANewShape() {
        String h2rec = shape(ModelFixtures.h2rec(120, 16, 20, 3, 1));
        assertNotEquals(h2rec, shape(ModelFixtures.h2rec(121, 16, 20, 3, 1)));
        assertNotEquals(h2rec, shape(ModelFixtures.h2rec(120, 32, 20, 3, 1)));
        assertNotEquals(h2rec, shape(ModelFixtures.h2rec(120, 16, 20, 4, 1)));
        assertNotEquals(h2rec, shape(ModelFixtures.sasrec(120, 16, 20, 1)));
    }
}
