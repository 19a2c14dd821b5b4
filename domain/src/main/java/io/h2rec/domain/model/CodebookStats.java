package io.h2rec.domain.model;

/**
 * Quality and cost of a codebook version.
 *
 * @param utilisation         per level, the share of the K codes used by at least one item
 * @param collisions          items whose full L-tuple is shared with another item
 * @param distinctTuples      number of distinct full tuples
 * @param reconstructionError mean squared error of the quantized text embedding (NaN for imports)
 */
public record CodebookStats(double[] utilisation, int collisions, int distinctTuples, double reconstructionError,
                            double encodeSeconds, double quantizeSeconds, double wallSeconds, String device) {
    public CodebookStats {
        utilisation = utilisation.clone();
    }

    @Override
    public double[] utilisation() {
        return utilisation.clone();
    }
}
