package io.h2rec.domain.dataset;

import io.h2rec.domain.model.DatasetSplit;
import io.h2rec.domain.model.ModelSpec;
import io.h2rec.domain.model.SemanticSideInfo;
import io.h2rec.domain.quantization.Pca;

/**
 * What a trainer needs beside the split and the semantic IDs, computed by the training use case so
 * that trainers (adapters) never call back into domain algorithms.
 *
 * @param textComponents the hot start's rows: per item index 1..N (row 0 unused, null), the first
 *                       min(d, text width) principal components of its text embedding; null when the
 *                       model does not hot-start (not asked, no text, SID-only or a HID-only model)
 * @param positives      L_item's positives per item index ({@link PositivePairs}); null when
 *                       lambda_item is 0 or the model is not H2Rec
 */
public record TrainingSideInputs(float[][] textComponents, int[][] positives) {
    public static final TrainingSideInputs NONE = new TrainingSideInputs(null, null);

    public static TrainingSideInputs of(ModelSpec spec, DatasetSplit split, SemanticSideInfo side) {
        boolean text = side != null && side.textEmbeddings() != null;
        float[][] components = null;
        if (spec.hotStart() && text && spec.family() != ModelSpec.Family.SID_ONLY && spec.usesSemanticIds()) {
            int n = split.numItems();
            float[][] x = new float[n][];
            System.arraycopy(side.textEmbeddings(), 1, x, 0, n);
            float[][] pcs = Pca.project(x, Math.min(spec.hidden(), x[0].length));
            components = new float[n + 1][];
            System.arraycopy(pcs, 0, components, 1, n);
        }
        int[][] positives = spec.family() == ModelSpec.Family.H2REC && spec.lambdaItem() > 0 && side != null
                ? PositivePairs.build(split, side.codes(), spec.cooccurrenceWindow(), spec.positivesCap()) : null;
        return new TrainingSideInputs(components, positives);
    }
}
