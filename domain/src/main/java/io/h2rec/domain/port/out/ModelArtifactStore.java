package io.h2rec.domain.port.out;

import io.h2rec.domain.model.ModelWeights;
import io.h2rec.domain.model.Provenance;

/** Model artifacts (manifest + weights) where serving can read them. */
public interface ModelArtifactStore {
    record Saved(String uri, String checksum) {
    }

    Saved save(String name, ModelWeights weights, Provenance provenance);

    /** @throws IllegalStateException when the weights do not match the manifest's checksum */
    ModelWeights load(String uri);
}
