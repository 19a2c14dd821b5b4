package io.h2rec.adapter.out.textencoder;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import io.h2rec.domain.port.out.TextEncoder;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * all-MiniLM-L6-v2 (384-d, L2-normalised, mean pooling) run in-process by ONNX Runtime. The model
 * and tokenizer ship inside Maven Central jars: nothing is downloaded at run time. Loaded on first
 * use; batches are spread over all cores. Two variants: {@value #FULL} (float32) and
 * {@value #QUANTIZED} (int8 weights, the default): on Beauty's titles the int8 one encodes 1.46x
 * faster (196 vs 134 texts/s on 2 cores) and its embeddings have cosine 0.991 with the float32
 * ones (docs/quantizer.md).
 */
public final class OnnxTextEncoder implements TextEncoder, AutoCloseable {
    public static final String FULL = "all-minilm-l6-v2";
    public static final String QUANTIZED = "all-minilm-l6-v2-q";
    public static final String DEFAULT = QUANTIZED;
    public static final Set<String> KNOWN = Set.of(FULL, QUANTIZED);
    private static final int DIMENSION = 384;

    private final String id;
    private final ExecutorService pool;
    private volatile EmbeddingModel model;

    public OnnxTextEncoder() {
        this(DEFAULT);
    }

    /** @param id {@value #FULL} or {@value #QUANTIZED} */
    public OnnxTextEncoder(String id) {
        if (!KNOWN.contains(id)) {
            throw new IllegalArgumentException("unknown text encoder '" + id + "'; known: " + KNOWN);
        }
        this.id = id;
        int threads = Runtime.getRuntime().availableProcessors();
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "text-encoder");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public String id() {
        return id;
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

    private EmbeddingModel model() {
        EmbeddingModel m = model;
        if (m == null) {
            synchronized (this) {
                if (model == null) {
                    model = id.equals(QUANTIZED) ? new AllMiniLmL6V2QuantizedEmbeddingModel(pool)
                            : new AllMiniLmL6V2EmbeddingModel(pool);
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
