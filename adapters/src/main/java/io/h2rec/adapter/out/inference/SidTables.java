package io.h2rec.adapter.out.inference;

import io.h2rec.domain.model.ModelWeights;

/**
 * Semantic-ID embeddings of every item precomputed from the exported weights:
 * s_l(i) = P_l(C_l[c_l(i)]) and s(i) = F(mean_l C_l[c_l(i)]). A new item's rows are computed
 * from its codes alone (cold start).
 */
final class SidTables {
    final int levels;
    private final float[][] books;     // [L] flat [K * d_c]
    private final int dc;
    private final Blocks.Dense[] proj;
    private final Blocks.Dense fuse;

    SidTables(ModelWeights w) {
        ModelWeights.Array codes = w.array("sid/codes");
        this.levels = codes.shape()[1];
        this.books = new float[levels][];
        this.proj = new Blocks.Dense[levels];
        int codeDim = 0;
        for (int l = 0; l < levels; l++) {
            ModelWeights.Array book = w.array("sid/codebook" + l);
            books[l] = book.values();
            codeDim = book.shape()[1];
            proj[l] = w.has("sid/proj" + l + "/w") ? Blocks.Dense.of(w, "sid/proj" + l, true) : null;
        }
        this.dc = codeDim;
        this.fuse = w.has("sid/fuse/w") ? Blocks.Dense.of(w, "sid/fuse", true) : null;
    }

    static int[][] codes(ModelWeights w) {
        ModelWeights.Array a = w.array("sid/codes");
        int n1 = a.shape()[0];
        int levels = a.shape()[1];
        int[][] out = new int[n1][levels];
        for (int i = 0; i < n1; i++) {
            for (int l = 0; l < levels; l++) {
                out[i][l] = Math.round(a.values()[i * levels + l]);
            }
        }
        return out;
    }

    private float[] vector(int level, int code) {
        float[] v = new float[dc];
        System.arraycopy(books[level], code * dc, v, 0, dc);
        return v;
    }

    float[] level(int[] codes, int level) {
        return proj[level].apply(vector(level, codes[level]));
    }

    /** s_l(code) for every code of level l: [K][d]. */
    float[] levelTable(int level) {
        int k = books[level].length / dc;
        int d = proj[level].out();
        float[] out = new float[k * d];
        for (int c = 0; c < k; c++) {
            System.arraycopy(proj[level].apply(vector(level, c)), 0, out, c * d, d);
        }
        return out;
    }

    float[] fused(int[] codes) {
        float[] mean = new float[dc];
        for (int l = 0; l < levels; l++) {
            float[] v = vector(l, codes[l]);
            for (int j = 0; j < dc; j++) {
                mean[j] += v[j];
            }
        }
        for (int j = 0; j < dc; j++) {
            mean[j] /= levels;
        }
        return fuse.apply(mean);
    }

    /** Mean (or sum) over levels of s_l: the SID-only item embedding. */
    float[] pooled(int[] codes, boolean mean) {
        float[] sum = level(codes, 0);
        for (int l = 1; l < levels; l++) {
            Blocks.addInto(sum, level(codes, l));
        }
        if (mean) {
            for (int j = 0; j < sum.length; j++) {
                sum[j] /= levels;
            }
        }
        return sum;
    }

    boolean hasLevels() {
        return proj[0] != null;
    }

    int codeLevels() {
        return levels;
    }
}
