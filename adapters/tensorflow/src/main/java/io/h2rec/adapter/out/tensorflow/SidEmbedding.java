package io.h2rec.adapter.out.tensorflow;

import io.h2rec.domain.model.WeightNames;
import io.h2rec.domain.model.ModelSpec;
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
 *
 * <p>Both are linear in the code vectors, so they are computed per code, not per item: each step
 * projects the K rows of every codebook once ([K, d_c] x [d_c, d], a few MFLOP) and then gathers
 * d-wide rows, instead of gathering d_c-wide code vectors (d_c = 384 for text-space codebooks) for
 * every position of the batch and projecting each. Same values, same gradients.
 */
final class SidEmbedding {
    private final Ops tf;
    private final Layers l;
    private final int levels;
    private final List<Operand<TInt32>> codes = new ArrayList<>();     // per level: [N+1]
    private final Operand<TInt32> stackedCodes;                        // [L, N+1]: c_l(i) + l K
    private final List<Variable<TFloat32>> books = new ArrayList<>();  // per level: [K, d_c]
    private final List<Layers.Dense> perLevel = new ArrayList<>();
    private final Layers.Dense fused;
    private final List<Operand<TFloat32>> levelTables = new ArrayList<>();  // P_l(C_l): [K, d]
    private final List<Operand<TFloat32>> fusedTables = new ArrayList<>();  // C_l W_F / L: [K, d]

    /**
     * @param levelsUsed whether per-level embeddings s_l are used (SID-only, H2Rec)
     * @param fusedUsed  whether the fused s(i) is used (naive fusion, H2Rec); unused projections
     *                   are not created (no gradient could reach them)
     */
    SidEmbedding(Layers l, SemanticSideInfo side, ModelSpec c, boolean levelsUsed, boolean fusedUsed) {
        this.l = l;
        this.tf = l.tf;
        this.levels = side.levels();
        int n1 = side.codes().length;
        float[] asFloat = new float[n1 * levels];
        int[] offset = new int[levels * n1];
        for (int lv = 0; lv < levels; lv++) {
            int[] column = new int[n1];
            for (int i = 0; i < n1; i++) {
                column[i] = side.codes()[i][lv];
                asFloat[i * levels + lv] = side.codes()[i][lv];
                offset[lv * n1 + i] = column[i] + lv * side.size();
            }
            codes.add(tf.constant(Shape.of(n1), DataBuffers.of(column, true, false)));
        }
        this.stackedCodes = tf.constant(Shape.of(levels, n1), DataBuffers.of(offset, true, false));
        // Exported (never trained) so the inference engine sees the same codes.
        l.params.frozen(WeightNames.SID_CODES, new int[] {n1, levels}, asFloat);
        int dc = side.codeVectors() == null ? c.hidden() : side.codeVectors()[0][0].length;
        for (int lv = 0; lv < levels; lv++) {
            String name = WeightNames.sidCodebook(lv);
            int[] shape = {side.size(), dc};
            if (side.codeVectors() == null) {
                books.add(l.params.weight(name, shape, l.params.normal(side.size() * dc, 1 / Math.sqrt(dc))));
            } else {
                float[] v = flatten(side.codeVectors()[lv]);
                books.add(c.freezeCodebooks() ? l.params.frozen(name, shape, v) : l.params.weight(name, shape, v));
            }
            if (levelsUsed) {
                perLevel.add(l.new Dense(WeightNames.sidProjection(lv), dc, c.hidden(), true));
            }
        }
        this.fused = fusedUsed ? l.new Dense(WeightNames.SID_FUSE, dc, c.hidden(), true) : null;
    }

    int levels() {
        return levels;
    }

    boolean hasLevels() {
        return !perLevel.isEmpty();
    }

    /** c_l(ids): [...]. */
    private Operand<TInt32> code(Operand<TInt32> ids, int level) {
        return tf.gather(codes.get(level), ids, l.scalar(0));
    }

    /** P_l(C_l) = C_l W_l + b_l for every code of level l: [K, d], built once per graph. */
    private Operand<TFloat32> levelTable(int level) {
        while (levelTables.size() <= level) {
            int lv = levelTables.size();
            levelTables.add(perLevel.get(lv).apply(books.get(lv)));
        }
        return levelTables.get(level);
    }

    /** C_l W_F / L for every code of level l (F's bias added once per item): [K, d]. */
    private Operand<TFloat32> fusedTable(int level) {
        while (fusedTables.size() <= level) {
            int lv = fusedTables.size();
            fusedTables.add(tf.math.mul(tf.linalg.matMul(books.get(lv), fused.w), l.c(1f / levels)));
        }
        return fusedTables.get(level);
    }

    /** s_l(ids) = P_l(C_l[c_l]): [..., d]. */
    Operand<TFloat32> level(Operand<TInt32> ids, int level) {
        return tf.gather(levelTable(level), code(ids, level), l.scalar(0));
    }

    /** [s_1(ids), ..., s_L(ids)] stacked: [L, ..., d], one gather from the L tables laid end to end. */
    Operand<TFloat32> levels(Operand<TInt32> ids) {
        List<Operand<TFloat32>> tables = new ArrayList<>(levels);
        for (int lv = 0; lv < levels; lv++) {
            tables.add(levelTable(lv));
        }
        Operand<TInt32> index = tf.gather(stackedCodes, ids, l.scalar(1));                    // [L, ...]
        return tf.gather(tf.concat(tables, l.scalar(0)), index, l.scalar(0));                 // [L, ..., d]
    }

    /** s(ids) = F(mean_l C_l[c_l]) = sum_l (C_l W_F / L)[c_l] + b_F: [..., d]. */
    Operand<TFloat32> fused(Operand<TInt32> ids) {
        Operand<TFloat32> sum = tf.gather(fusedTable(0), code(ids, 0), l.scalar(0));
        for (int lv = 1; lv < levels; lv++) {
            sum = tf.math.add(sum, tf.gather(fusedTable(lv), code(ids, lv), l.scalar(0)));
        }
        return fused.b == null ? sum : tf.math.add(sum, fused.b);
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
