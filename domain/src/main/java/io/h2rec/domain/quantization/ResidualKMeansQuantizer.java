package io.h2rec.domain.quantization;

import io.h2rec.domain.model.CodebookModel;
import io.h2rec.domain.model.JobListener;
import io.h2rec.domain.model.QuantizerConfig;
import io.h2rec.domain.port.out.QuantizationResult;

import java.util.List;

/**
 * RQ-KMeans (h2rec-model.md §1): k-means on the embeddings, then on the residuals, L times. No
 * network, deterministic for a seed; the fast default. Code vectors live in the text space.
 */
public final class ResidualKMeansQuantizer extends KMeansQuantizer {
    public static final String NAME = "rqkmeans";

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
        int iterations = iterations(config);
        float[][] residual = new float[n][];
        for (int i = 0; i < n; i++) {
            residual[i] = embeddings[i].clone();
        }
        float[][][] vectors = new float[levels][][];
        int[][] codes = new int[n][levels];
        for (int l = 0; l < levels; l++) {
            listener.progress("k-means level " + (l + 1) + "/" + levels, l, levels);
            KMeans.Result r = KMeans.fit(residual, 0, d, config.codebookSize(), iterations,
                    config.seed() * 31 + l, listener);
            vectors[l] = r.centers();
            for (int i = 0; i < n; i++) {
                int c = r.assignment()[i];
                codes[i][l] = c;
                float[] center = r.centers()[c];
                for (int j = 0; j < d; j++) {
                    residual[i][j] -= center[j];
                }
            }
        }
        listener.progress("k-means done", levels, levels);
        double mse = 0;
        for (float[] r : residual) {
            mse += KMeans.dot(r, 0, r, d);
        }
        return new QuantizationResult(codes, new CodebookModel(CodebookModel.Kind.RESIDUAL, levels,
                config.codebookSize(), vectors, List.of()), mse / n);
    }
}
