package io.h2rec.domain.model;

import java.time.Instant;

/**
 * A trained model registered for serving.
 *
 * @param artifactUri where the artifact directory lives (manifest.json + weights.bin)
 * @param checksum    sha256 of weights.bin
 */
public record ModelVersion(long id, long runId, String modelType, String artifactUri, String checksum,
                           Provenance provenance, boolean active, Instant createdAt) {
}
