package io.h2rec.domain.model;

/** Where a quantization job is: its stage ("encoding text", "k-means level 2/4") and done of total units. */
public record JobProgress(String stage, long done, long total) {
}
