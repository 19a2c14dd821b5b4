package io.h2rec.domain.port.out;

import java.util.Collection;
import java.util.Map;

/** Text embeddings by (encoder id, sha256 of the text), so re-running does not re-encode. */
public interface EmbeddingCache {
    /** The cached embeddings among {@code textHashes}, by hash. */
    Map<String, float[]> find(String encoderId, Collection<String> textHashes);

    void save(String encoderId, Map<String, float[]> embeddingsByHash);
}
