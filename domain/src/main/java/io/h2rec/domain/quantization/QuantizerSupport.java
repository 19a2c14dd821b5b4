package io.h2rec.domain.quantization;

import io.h2rec.domain.error.InvalidInputException;
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
                throw new InvalidInputException("options." + key, "quantizer " + q.name() + " has no option '" + key
                        + "'; known: " + new TreeSet<>(q.options()));
            }
        }
    }

    /** An integer option in [lo, hi], or the fallback when absent. */
    public static int intOption(QuantizerConfig config, String name, int fallback, int lo, int hi) {
        String v = config.options().get(name);
        if (v == null) {
            return fallback;
        }
        int x;
        try {
            x = Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new InvalidInputException("options." + name, "option " + name + " must be an integer, got '" + v + "'");
        }
        if (x < lo || x > hi) {
            throw new InvalidInputException("options." + name, "option " + name + " must be in [" + lo + ", " + hi
                    + "], got " + x);
        }
        return x;
    }

    /** A finite number option in [lo, hi] (lo excluded when {@code openLow}), or the fallback when absent. */
    public static double doubleOption(QuantizerConfig config, String name, double fallback, double lo, boolean openLow,
                                      double hi) {
        String v = config.options().get(name);
        if (v == null) {
            return fallback;
        }
        double x;
        try {
            x = Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new InvalidInputException("options." + name, "option " + name + " must be a number, got '" + v + "'");
        }
        boolean low = openLow ? x > lo : x >= lo;
        if (!Double.isFinite(x) || !low || x > hi) {
            throw new InvalidInputException("options." + name, "option " + name + " must be a finite number in "
                    + (openLow ? "(" : "[") + lo + ", " + hi + "], got " + v);
        }
        return x;
    }

    /** The common dimension of the rows, or an error. */
    public static int dimension(float[][] rows) {
        if (rows.length == 0) {
            throw new InvalidInputException("dataset", "nothing to quantize: no embeddings");
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
