package io.h2rec.domain.service;

import io.h2rec.domain.model.QuantizerConfig;
import io.h2rec.domain.port.out.Quantizer;

import java.util.TreeSet;

/** Checks shared by every quantizer. */
public final class QuantizerSupport {
    private QuantizerSupport() {
    }

    /** Unknown option keys are an error, not a silent default. */
    public static void checkOptions(Quantizer q, QuantizerConfig config) {
        for (String key : config.options().keySet()) {
            if (!q.options().contains(key)) {
                throw new IllegalArgumentException("quantizer " + q.name() + " has no option '" + key + "'; known: "
                        + new TreeSet<>(q.options()));
            }
        }
    }

    /** The common dimension of the rows, or an error. */
    public static int dimension(float[][] rows) {
        if (rows.length == 0) {
            throw new IllegalArgumentException("nothing to quantize: no embeddings");
        }
        int d = rows[0].length;
        for (float[] r : rows) {
            if (r.length != d) {
                throw new IllegalArgumentException("embeddings disagree in dimension: " + d + " vs " + r.length);
            }
        }
        return d;
    }
}
