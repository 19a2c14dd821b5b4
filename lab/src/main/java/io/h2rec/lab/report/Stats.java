package io.h2rec.lab.report;

import java.util.List;
import java.util.Locale;

/** Mean and sample standard deviation over seeds. */
record Stats(double mean, double std, int n) {
    static Stats of(List<Double> values) {
        int n = values.size();
        if (n == 0) {
            return new Stats(Double.NaN, Double.NaN, 0);
        }
        double mean = values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        double ss = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
        return new Stats(mean, n > 1 ? Math.sqrt(ss / (n - 1)) : 0, n);
    }

    /** "0.0123 ± 0.0004", or the mean alone for one seed, or "-" for none. */
    String format() {
        if (n == 0) {
            return "-";
        }
        return n == 1 ? String.format(Locale.ROOT, "%.4f", mean)
                : String.format(Locale.ROOT, "%.4f ± %.4f", mean, std);
    }
}
