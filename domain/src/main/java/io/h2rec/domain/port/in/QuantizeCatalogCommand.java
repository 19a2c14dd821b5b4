package io.h2rec.domain.port.in;

import io.h2rec.domain.error.InvalidInputException;
import io.h2rec.domain.model.ItemTextTemplate;
import io.h2rec.domain.model.QuantizerConfig;

import java.util.Objects;

/**
 * Quantize the items of a registered dataset into a new codebook version.
 *
 * @param minDistinctFraction a codebook with fewer distinct code tuples than this fraction of
 *                            min(items, K^L) is degenerate: the job fails and nothing is committed
 */
public record QuantizeCatalogCommand(long datasetId, QuantizerConfig config, ItemTextTemplate template,
                                     double minDistinctFraction) {
    /**
     * The default floor. Not 0.5: PQ on Beauty (L = 4, K = 256) gives 5,899 distinct tuples for
     * 12,101 items (48.7%) and trains as well as RQ-KMeans (docs/quantizer.md), while broken
     * settings give a handful (a NaN learning rate: 1).
     */
    public static final double DEFAULT_MIN_DISTINCT_FRACTION = 0.4;

    public QuantizeCatalogCommand {
        if (datasetId <= 0) {
            throw new InvalidInputException("datasetId", "dataset id must be positive, got " + datasetId);
        }
        Objects.requireNonNull(config, "config");
        template = template == null ? ItemTextTemplate.DEFAULT : template;
        if (!(minDistinctFraction >= 0 && minDistinctFraction <= 1)) {
            throw new InvalidInputException("minDistinctFraction", "minDistinctFraction must be in [0, 1], got "
                    + minDistinctFraction);
        }
    }

    public QuantizeCatalogCommand(long datasetId, QuantizerConfig config, ItemTextTemplate template) {
        this(datasetId, config, template, DEFAULT_MIN_DISTINCT_FRACTION);
    }
}
