package io.h2rec.domain.quantization;

import io.h2rec.domain.model.CodebookModel;
import io.h2rec.domain.model.JobListener;
import io.h2rec.domain.model.QuantizerConfig;
import io.h2rec.domain.port.out.QuantizationResult;

import java.util.List;

/**
 * Product quantization (h2rec-model.md §1): split the embedding into L equal slices and k-means
 * each; backs the paper's quantization-agnostic claim. The dimension must divide by L.
 */
public final class ProductQuantizer extends KMeansQuantizer {
    public static final String NAME = "pq";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public QuantizationResult fit(float[][] embeddings, QuantizerConfig config, JobListener listener) {
        validate(config);
        int n = embeddings.length;
        int d = QuantizerSupport.dimension(embeddings);
        int levels = config.levels();
        if (d % levels != 0) {
            throw new IllegalArgumentException("PQ splits the " + d + "-d embedding into L=" + levels
                    + " equal slices: L must divide " + d);
        }
        int slice = d / levels;
        int iterations = iterations(config);
        float[][][] vectors = new float[levels][][];
        int[][] codes = new int[n][levels];
        double sse = 0;
        for (int l = 0; l < levels; l++) {
            listener.progress("k-means slice " + (l + 1) + "/" + levels, l, levels);
            KMeans.Result r = KMeans.fit(embeddings, l * slice, slice, config.codebookSize(), iterations,
                    config.seed() * 31 + l, listener);
            vectors[l] = r.centers();
            for (int i = 0; i < n; i++) {
                codes[i][l] = r.assignment()[i];
            }
            sse += r.meanSquaredError() * n;
        }
        listener.progress("k-means done", levels, levels);
        return new QuantizationResult(codes, new CodebookModel(CodebookModel.Kind.PRODUCT, levels,
                config.codebookSize(), vectors, List.of()), sse / n);
    }
}
