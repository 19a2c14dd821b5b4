package io.h2rec.domain.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A committed, immutable codebook version: semantic IDs for every item of a dataset.
 *
 * @param encoderId    the text encoder the embeddings came from ("none" for imported codes)
 * @param textTemplate how item text was built from its fields
 * @param codeDim      d_c, the dimension of a code vector (0 when training learns them)
 */
public record Codebook(long id, long datasetId, String datasetFingerprint, QuantizerConfig config, String encoderId,
                       String textTemplate, int codeDim, int items, CodebookStats stats, Instant createdAt) {
    public Codebook {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(stats, "stats");
    }
}
