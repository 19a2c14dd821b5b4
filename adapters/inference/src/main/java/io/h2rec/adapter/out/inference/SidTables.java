package io.h2rec.adapter.out.inference;

import io.h2rec.domain.model.WeightNames;
import io.h2rec.domain.model.ModelWeights;

/**
 * Semantic-ID embeddings from the exported weights: s_l(i) = P_l(C_l[c_l(i)]) and
 * s(i) = F(mean_l C_l[c_l(i)]). Both are linear in the code vectors, so each is a sum of rows of
 * small per-code tables (K rows per level, computed once at load): s_l(i) = (C_l P_l)[c_l] + b_l and
 * s(i) = mean_l (C_l F)[c_l] + b_F. Loading a model then costs L x K products instead of one per
 * item and level (a hot swap of Beauty's H2Rec spent most of its load time here). A new item's rows
 * come from its codes alone (cold start).
 */
final class SidTables {
    final int levels;
    private final int d;
    private final float[][] level;      // [L][K * d]: s_l(code), bias included; null without P_l
    private final float[][] fused;      // [L][K * d]: (C_l F)(code), no bias; null without F
    private final float[] fuseBias;

    SidTables(ModelWeights w) {
        this.levels = w.array(WeightNames.SID_CODES).shape()[1];
        Blocks.Dense fuse = w.has(WeightNames.denseWeight(WeightNames.SID_FUSE)) ? Blocks.Dense.of(w, WeightNames.SID_FUSE, true) : null;
        boolean projected = w.has(WeightNames.denseWeight(WeightNames.sidProjection(0)));
        this.level = projected ? new float[levels][] : null;
        this.fused = fuse != null ? new float[levels][] : null;
        this.fuseBias = fuse != null ? fuse.b() : null;
        int out = 0;
        for (int l = 0; l < levels; l++) {
            ModelWeights.Array book = w.array(WeightNames.sidCodebook(l));
            int k = book.shape()[0];
            int dc = book.shape()[1];
            if (projected) {
                Blocks.Dense p = Blocks.Dense.of(w, WeightNames.sidProjection(l), true);
                level[l] = new float[k * p.out()];
                p.apply(k, book.values(), 0, dc, level[l], 0, p.out(), false);
                out = p.out();
            }
            if (fuse != null) {
                fused[l] = new float[k * fuse.out()];
                Kernels.IMPL.gemm(k, fuse.out(), dc, book.values(), 0, dc, fuse.w(), 0, fuse.out(), fused[l], 0,
                        fuse.out(), null, false);
                out = fuse.out();
            }
        }
        this.d = out;
    }

    static int[][] codes(ModelWeights w) {
        return w.array(WeightNames.SID_CODES).intMatrix();
    }

    /** s_l(code) for every code of level l: [K][d]. */
    float[] levelTable(int l) {
        return level[l];
    }

    float[] fused(int[] codes) {
        float[] s = new float[d];
        for (int l = 0; l < levels; l++) {
            Kernels.IMPL.axpy(1f, fused[l], codes[l] * d, s, 0, d);
        }
        for (int j = 0; j < d; j++) {
            s[j] = s[j] / levels + fuseBias[j];
        }
        return s;
    }

    /** Mean (or sum) over levels of s_l: the SID-only item embedding. */
    float[] pooled(int[] codes, boolean mean) {
        float[] sum = new float[d];
        for (int l = 0; l < levels; l++) {
            Kernels.IMPL.axpy(1f, level[l], codes[l] * d, sum, 0, d);
        }
        if (mean) {
            for (int j = 0; j < d; j++) {
                sum[j] /= levels;
            }
        }
        return sum;
    }

    int codeLevels() {
        return levels;
    }
}
