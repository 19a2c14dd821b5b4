package io.h2rec.domain.port.in;

import io.h2rec.domain.model.ItemTextTemplate;
import io.h2rec.domain.model.QuantizerConfig;

import java.util.Objects;

/** Quantize the items of a registered dataset into a new codebook version. */
public record QuantizeCatalogCommand(long datasetId, QuantizerConfig config, ItemTextTemplate template) {
    public QuantizeCatalogCommand {
        if (datasetId <= 0) {
            throw new IllegalArgumentException("dataset id must be positive, got " + datasetId);
        }
        Objects.requireNonNull(config, "config");
        template = template == null ? ItemTextTemplate.DEFAULT : template;
    }
}
