package io.h2rec.adapter.out.tensorflow;

import io.h2rec.domain.model.SemanticSideInfo;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

import java.util.ArrayList;
import java.util.List;

/**
 * Semantic-ID embeddings (h2rec-model.md §2): codebook vectors C_l (frozen by default; learned
 * when the codes were imported without vectors), per-level projections s_l(i) = P_l(C_l[c_l(i)])
 * and the fused s(i) = F((1/L) sum_l C_l[c_l(i)]).
 */
final class SidEmbedding {
    static final String CODES = "sid/codes";

    private final Ops tf;
    private final Layers l;
    private final int levels;
    private final Operand<TInt32> codes;                 // [N+1, L]
    private final List<Variable<TFloat32>> books = new ArrayList<>();
    private final List<Layers.Dense> perLevel = new ArrayList<>();
    private final Layers.Dense fused;

    /**
     * @param levelsUsed whether per-level embeddings s_l are used (SID-only, H2Rec)
     * @param fusedUsed  whether the fused s(i) is used (naive fusion, H2Rec); unused projections
     *                   are not created (no gradient could reach them)
     */
    SidEmbedding(Layers l, SemanticSideInfo side, ModelConfig c, boolean levelsUsed, boolean fusedUsed) {
        this.l = l;
        this.tf = l.tf;
        this.levels = side.levels();
        int n1 = side.codes().length;
        int[] flat = new int[n1 * levels];
        float[] asFloat = new float[flat.length];
        for (int i = 0; i < n1; i++) {
            for (int lv = 0; lv < levels; lv++) {
                flat[i * levels + lv] = side.codes()[i][lv];
                asFloat[i * levels + lv] = side.codes()[i][lv];
            }
        }
        this.codes = tf.constant(Shape.of(n1, levels), DataBuffers.of(flat, true, false));
        // Exported (never trained) so the inference engine sees the same codes.
        l.params.frozen(CODES, new int[] {n1, levels}, asFloat);
        int dc = side.codeVectors() == null ? c.hidden() : side.codeVectors()[0][0].length;
        for (int lv = 0; lv < levels; lv++) {
            String name = "sid/codebook" + lv;
            int[] shape = {side.size(), dc};
            if (side.codeVectors() == null) {
                books.add(l.params.weight(name, shape, l.params.normal(side.size() * dc, 1 / Math.sqrt(dc))));
            } else {
                float[] v = flatten(side.codeVectors()[lv]);
                books.add(c.freezeCodebooks() ? l.params.frozen(name, shape, v) : l.params.weight(name, shape, v));
            }
            if (levelsUsed) {
                perLevel.add(l.new Dense("sid/proj" + lv, dc, c.hidden(), true));
            }
        }
        this.fused = fusedUsed ? l.new Dense("sid/fuse", dc, c.hidden(), true) : null;
    }

    int levels() {
        return levels;
    }

    boolean hasLevels() {
        return !perLevel.isEmpty();
    }

    /** C_l[c_l(ids)]: [..., d_c]. */
    private Operand<TFloat32> codeVector(Operand<TInt32> ids, int level) {
        Operand<TInt32> code = tf.gather(tf.gather(codes, ids, l.scalar(0)), l.scalar(level), l.scalar(-1));
        return tf.gather(books.get(level), code, l.scalar(0));
    }

    /** s_l(ids) = P_l(C_l[c_l]): [..., d]. */
    Operand<TFloat32> level(Operand<TInt32> ids, int level) {
        return perLevel.get(level).apply(codeVector(ids, level));
    }

    /** s(ids) = F(mean_l C_l[c_l]): [..., d]. */
    Operand<TFloat32> fused(Operand<TInt32> ids) {
        Operand<TFloat32> sum = codeVector(ids, 0);
        for (int lv = 1; lv < levels; lv++) {
            sum = tf.math.add(sum, codeVector(ids, lv));
        }
        return fused.apply(tf.math.mul(sum, l.c(1f / levels)));
    }

    /** Mean or sum over levels of s_l (the SID-only baseline's item embedding). */
    Operand<TFloat32> pooled(Operand<TInt32> ids, boolean mean) {
        Operand<TFloat32> sum = level(ids, 0);
        for (int lv = 1; lv < levels; lv++) {
            sum = tf.math.add(sum, level(ids, lv));
        }
        return mean ? tf.math.mul(sum, l.c(1f / levels)) : sum;
    }

    static float[] flatten(float[][] m) {
        float[] out = new float[m.length * m[0].length];
        for (int r = 0; r < m.length; r++) {
            System.arraycopy(m[r], 0, out, r * m[0].length, m[0].length);
        }
        return out;
    }
}
