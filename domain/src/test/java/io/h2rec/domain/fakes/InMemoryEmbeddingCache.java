package io.h2rec.domain.fakes;

import io.h2rec.domain.port.out.EmbeddingCache;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

public final class InMemoryEmbeddingCache implements EmbeddingCache {
    private final Map<String, float[]> byKey = new HashMap<>();

    @Override
    public Map<String, float[]> find(String encoderId, Collection<String> textHashes) {
        Map<String, float[]> out = new HashMap<>();
        for (String h : textHashes) {
            float[] v = byKey.get(encoderId + "/" + h);
            if (v != null) {
                out.put(h, v.clone());
            }
        }
        return out;
    }

    @Override
    public void save(String encoderId, Map<String, float[]> embeddingsByHash) {
        embeddingsByHash.forEach((h, v) -> byKey.put(encoderId + "/" + h, v.clone()));
    }

    public int size() {
        return byKey.size();
    }
}
