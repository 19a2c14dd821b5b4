package io.h2rec.adapter.out.textencoder;

import io.h2rec.adapter.out.dataset.FileSequenceSource;
import io.h2rec.domain.model.ItemTextTemplate;
import io.h2rec.domain.model.Vectors;
import io.h2rec.testing.SharedData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real ONNX encoder, weights from the Maven jar. */
class OnnxTextEncoderTest {
    static OnnxTextEncoder encoder;

    @BeforeAll
    static void load() {
        encoder = new OnnxTextEncoder();
    }

    @AfterAll
    static void close() {
        encoder.close();
    }

    @Test
    void normalisedEmbeddingsWhereSimilarTextsAreCloser() {
        float[][] v = encoder.encode(List.of("OPI Nail Lacquer, Red", "Nail polish in a deep red shade",
                "Stainless steel kitchen knife set"));
        assertEquals(3, v.length);
        assertEquals(384, v[0].length);
        for (float[] x : v) {
            assertEquals(1.0, Math.sqrt(Vectors.dot(x, x)), 1e-3);
        }
        assertTrue(Vectors.dot(v[0], v[1]) > Vectors.dot(v[0], v[2]) + 0.2,
                "nail texts " + Vectors.dot(v[0], v[1]) + " vs knife " + Vectors.dot(v[0], v[2]));
        assertThrows(IllegalArgumentException.class, () -> encoder.encode(List.of(" ")));
    }

    @Test
    void theInt8VariantEmbedsLikeTheFloatOneAndUnknownEncodersAreRefused() {
        assertEquals(OnnxTextEncoder.QUANTIZED, encoder.id());
        List<String> texts = List.of("OPI Nail Lacquer, Red|Categories: Beauty, Makeup, Nails",
                "Stainless steel kitchen knife set");
        float[][] q = encoder.encode(texts);
        try (OnnxTextEncoder full = new OnnxTextEncoder(OnnxTextEncoder.FULL)) {
            assertEquals(OnnxTextEncoder.FULL, full.id());
            float[][] f = full.encode(texts);
            for (int i = 0; i < texts.size(); i++) {
                assertTrue(Vectors.dot(q[i], f[i]) > 0.97, "cosine " + Vectors.dot(q[i], f[i]));
            }
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new OnnxTextEncoder("bert"));
        assertTrue(e.getMessage().contains("unknown text encoder"));
    }

    /** A speed figure, not a correctness check: tagged `timing`, out of `verify` (a loaded machine fails it). */
    @Test
    @org.junit.jupiter.api.Tag("timing")
    void encodesBeautyTitlesAtUsefulSpeed() {
        var items = new FileSequenceSource().load(SharedData.dataset("amazon-beauty").toString()).items();
        List<String> texts = items.subList(0, 300).stream().map(ItemTextTemplate.DEFAULT::render).toList();
        encoder.encode(texts.subList(0, 20)); // warm-up
        long t0 = System.nanoTime();
        float[][] v = encoder.encode(texts);
        double perSecond = texts.size() / ((System.nanoTime() - t0) / 1e9);
        System.out.printf(encoder.id() + ": %.0f Beauty texts/s on %d cores%n", perSecond,
                Runtime.getRuntime().availableProcessors());
        assertEquals(300, v.length);
        assertTrue(perSecond > 20, "encoding " + perSecond + " texts/s");
    }
}
