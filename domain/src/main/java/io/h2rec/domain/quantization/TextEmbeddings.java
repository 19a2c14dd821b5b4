package io.h2rec.domain.quantization;

import io.h2rec.domain.model.JobListener;
import io.h2rec.domain.model.Sha256;
import io.h2rec.domain.port.out.EmbeddingCache;
import io.h2rec.domain.port.out.TextEncoder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Embeds texts through the {@link TextEncoder}, reusing what the {@link EmbeddingCache} already
 * holds and saving each new batch as it is made, so an interrupted job resumes where it stopped.
 */
public final class TextEmbeddings {
    private static final int BATCH = 256;

    private final TextEncoder encoder;
    private final EmbeddingCache cache;

    public TextEmbeddings(TextEncoder encoder, EmbeddingCache cache) {
        this.encoder = encoder;
        this.cache = cache;
    }

    public String encoderId() {
        return encoder.id();
    }

    public int dimension() {
        return encoder.dimension();
    }

    public float[][] embed(List<String> texts, JobListener listener) {
        List<String> hashes = texts.stream().map(Sha256::hex).toList();
        Map<String, String> distinct = new LinkedHashMap<>();
        for (int i = 0; i < texts.size(); i++) {
            distinct.putIfAbsent(hashes.get(i), texts.get(i));
        }
        Map<String, float[]> known = new java.util.HashMap<>(cache.find(encoder.id(), distinct.keySet()));
        List<String> missing = new ArrayList<>();
        for (String h : distinct.keySet()) {
            if (!known.containsKey(h)) {
                missing.add(h);
            }
        }
        listener.progress("encoding text (" + known.size() + " cached)", 0, missing.size());
        for (int start = 0; start < missing.size(); start += BATCH) {
            listener.checkCancelled();
            List<String> batchHashes = missing.subList(start, Math.min(missing.size(), start + BATCH));
            float[][] vectors = encoder.encode(batchHashes.stream().map(distinct::get).toList());
            Map<String, float[]> fresh = new LinkedHashMap<>();
            for (int i = 0; i < vectors.length; i++) {
                fresh.put(batchHashes.get(i), vectors[i]);
            }
            cache.save(encoder.id(), fresh);
            known.putAll(fresh);
            listener.progress("encoding text", start + batchHashes.size(), missing.size());
        }
        float[][] out = new float[texts.size()][];
        for (int i = 0; i < texts.size(); i++) {
            out[i] = known.get(hashes.get(i)).clone();
        }
        return out;
    }
}
