package io.h2rec.domain.model;

import java.util.List;

/**
 * What a quantizer learned, enough to assign a semantic ID to a new item without retraining.
 *
 * @param kind        RESIDUAL: code l quantizes the residual left by levels 1..l-1 (RQ-KMeans,
 *                    RQ-VAE); PRODUCT: code l quantizes the l-th slice of the vector (PQ);
 *                    LEARNED: no vectors (imported codes, whose vectors training learns)
 * @param vectors     code vectors [L][K][d_c]; empty for LEARNED
 * @param encoder     layers applied to the text embedding before quantizing (RQ-VAE); empty
 *                    when codes quantize the text embedding itself
 */
public record CodebookModel(Kind kind, int levels, int size, float[][][] vectors, List<DenseLayer> encoder) {
    public enum Kind { RESIDUAL, PRODUCT, LEARNED }

    public CodebookModel {
        encoder = List.copyOf(encoder);
        if (kind != Kind.LEARNED && (vectors.length != levels || vectors[0].length != size)) {
            throw new IllegalArgumentException("vectors must be [" + levels + "][" + size + "][d]");
        }
    }

    public static CodebookModel learned(int levels, int size) {
        return new CodebookModel(Kind.LEARNED, levels, size, new float[0][][], List.of());
    }

    /** d_c, the dimension of one code vector (0 for LEARNED). */
    public int codeDim() {
        return kind == Kind.LEARNED ? 0 : vectors[0][0].length;
    }

    public boolean canAssign() {
        return kind != Kind.LEARNED;
    }

    /** The input dimension assignment expects (the text encoder's). */
    public int inputDim() {
        if (!encoder.isEmpty()) {
            return encoder.get(0).in();
        }
        return kind == Kind.PRODUCT ? levels * codeDim() : codeDim();
    }

    /** The semantic ID of a text embedding: encode, then nearest code per level. */
    public SemanticId assign(float[] embedding) {
        if (!canAssign()) {
            throw new IllegalStateException("imported codes carry no vectors: a new item cannot be assigned a code");
        }
        if (embedding.length != inputDim()) {
            throw new IllegalArgumentException("embedding has " + embedding.length + " dimensions, the codebook expects "
                    + inputDim());
        }
        float[] z = embedding;
        for (DenseLayer layer : encoder) {
            z = layer.apply(z);
        }
        int[] codes = new int[levels];
        int d = codeDim();
        if (kind == Kind.RESIDUAL) {
            float[] r = z.clone();
            for (int l = 0; l < levels; l++) {
                codes[l] = Vectors.nearest(vectors[l], r, 0, d);
                float[] c = vectors[l][codes[l]];
                for (int j = 0; j < d; j++) {
                    r[j] -= c[j];
                }
            }
        } else {
            for (int l = 0; l < levels; l++) {
                codes[l] = Vectors.nearest(vectors[l], z, l * d, d);
            }
        }
        return new SemanticId(codes);
    }
}
