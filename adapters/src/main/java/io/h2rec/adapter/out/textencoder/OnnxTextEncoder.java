package io.h2rec.adapter.out.textencoder;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import io.h2rec.domain.port.out.TextEncoder;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * all-MiniLM-L6-v2 (384-d, L2-normalised, mean pooling) run in-process by ONNX Runtime. The model
 * and tokenizer ship inside a Maven Central jar: nothing is downloaded at run time. Loaded on first
 * use; batches are spread over all cores.
 */
public final class OnnxTextEncoder implements TextEncoder, AutoCloseable {
    public static final String ID = "all-minilm-l6-v2";
    private static final int DIMENSION = 384;

    private final ExecutorService pool;
    private volatile AllMiniLmL6V2EmbeddingModel model;

    public OnnxTextEncoder() {
        int threads = Runtime.getRuntime().availableProcessors();
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "text-encoder");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public int dimension() {
        return DIMENSION;
    }

    @Override
    public float[][] encode(List<String> texts) {
        if (texts.isEmpty()) {
            return new float[0][];
        }
        for (String t : texts) {
            if (t == null || t.isBlank()) {
                throw new IllegalArgumentException("cannot encode an empty text");
            }
        }
        List<Embedding> out = model().embedAll(texts.stream().map(TextSegment::from).toList()).content();
        float[][] vectors = new float[out.size()][];
        for (int i = 0; i < vectors.length; i++) {
            vectors[i] = out.get(i).vector();
        }
        return vectors;
    }

    private AllMiniLmL6V2EmbeddingModel model() {
        AllMiniLmL6V2EmbeddingModel m = model;
        if (m == null) {
            synchronized (this) {
                if (model == null) {
                    model = new AllMiniLmL6V2EmbeddingModel(pool);
                }
                m = model;
            }
        }
        return m;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
