package io.h2rec.domain.model;

/**
 * What SID models need about items besides their interactions, aligned to a split's dense item
 * indices (row 0 = padding).
 *
 * @param codes          [N+1][L] codes per item (row 0 unused)
 * @param codeVectors    [L][K][d_c] the codebook's vectors, or null when training learns them
 *                       (imported codes)
 * @param textEmbeddings [N+1][d_t] item text embeddings for the PCA hot start, or null
 */
public record SemanticSideInfo(long codebookId, int levels, int size, int[][] codes, float[][][] codeVectors,
                               float[][] textEmbeddings) {
    public SemanticSideInfo {
        if (codes.length < 2 || codes[1].length != levels) {
            throw new IllegalArgumentException("codes must be [N+1][" + levels + "]");
        }
    }
}
