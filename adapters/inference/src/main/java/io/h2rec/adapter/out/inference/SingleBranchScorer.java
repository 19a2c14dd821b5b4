package io.h2rec.adapter.out.inference;

import io.h2rec.domain.model.WeightNames;
import io.h2rec.domain.model.ModelSpec;
import io.h2rec.domain.model.ModelWeights;
import io.h2rec.domain.model.ScorePart;

import java.util.Arrays;
import java.util.List;

/**
 * SASRec / GRU4Rec over HID, SID-only, naive fusion: one encoder over one tied item embedding, so
 * the item matrix is also the input table. New items get their SID part (SID-only: the pooled
 * code embeddings; fusion: s(i) with a zero hash-ID row); HID-only models cannot score them.
 */
final class SingleBranchScorer extends SequenceModel {
    private final int d;
    private final float[] positions;
    private final float[] inputs;     // sqrt(d) x the item table: the input stream's table
    private final Encoder encoder;
    private final ModelSpec.Family family;
    private final SidTables sid;
    private final boolean meanPool;
    private final int[] codes;        // [(N+1) * L] with semantic IDs, else empty (explanations)

    SingleBranchScorer(ModelWeights w) {
        this(w, itemTable(w));
    }

    private SingleBranchScorer(ModelWeights w, float[] items) {
        super(w.spec().maxLen(), w.intConfig("num_items"), w.spec().hidden(), items);
        this.d = dim;
        this.positions = w.array(WeightNames.POSITIONS).values();
        this.inputs = scaled(items, d);
        this.encoder = Encoder.of(w, WeightNames.ENCODER);
        this.family = w.spec().family();
        this.sid = w.has(WeightNames.SID_CODES) ? new SidTables(w) : null;
        this.meanPool = w.spec().sidPool() == ModelSpec.SidPool.MEAN;
        this.codes = sid == null ? new int[0] : Arrays.stream(SidTables.codes(w)).flatMapToInt(Arrays::stream).toArray();
    }

    private SingleBranchScorer(SingleBranchScorer base, List<int[]> newCodes) {
        super(base.maxLen, base.numItems + newCodes.size(), base.dim, base.appendRows(newCodes));
        this.d = base.d;
        this.positions = base.positions;
        this.inputs = scaled(items, d);
        this.encoder = base.encoder;
        this.family = base.family;
        this.sid = base.sid;
        this.meanPool = base.meanPool;
        this.codes = Arrays.copyOf(base.codes, (numItems + 1) * sid.levels);
        for (int c = 0; c < newCodes.size(); c++) {
            System.arraycopy(newCodes.get(c), 0, codes, (base.numItems + 1 + c) * sid.levels, sid.levels);
        }
    }

    private static float[] itemTable(ModelWeights w) {
        ModelSpec.Family family = w.spec().family();
        int d = w.spec().hidden();
        int n1 = w.intConfig("num_items") + 1;
        float[] hid = w.has(WeightNames.HID) ? w.array(WeightNames.HID).values() : null;
        SidTables sid = w.has(WeightNames.SID_CODES) ? new SidTables(w) : null;
        int[][] codes = sid == null ? null : SidTables.codes(w);
        boolean mean = w.spec().sidPool() == ModelSpec.SidPool.MEAN;
        float[] items = new float[n1 * d];
        for (int i = 0; i < n1; i++) {
            float[] row = switch (family) {
                case HID -> Arrays.copyOfRange(hid, i * d, (i + 1) * d);
                case SID_ONLY -> sid.pooled(codes[i], mean);
                case NAIVE_FUSION -> {
                    float[] r = Arrays.copyOfRange(hid, i * d, (i + 1) * d);
                    Blocks.addInto(r, sid.fused(codes[i]));
                    yield r;
                }
                case H2REC -> throw new IllegalArgumentException("not a single-branch model: " + family);
            };
            System.arraycopy(row, 0, items, i * d, d);
        }
        return items;
    }

    @Override
    void userVectors(Workspace.Batch bt, Workspace ws, float[] users) {
        float[] x = ws.get(Workspace.Buf.X_H, bt.rows * d);
        stream(bt, inputs, positions, x, d);
        encoder.last(bt, x, ws, users, 0, d);
    }

    @Override
    public boolean supportsColdStart() {
        return sid != null;
    }

    @Override
    float[] coldStartRow(int[] codes) {
        return family == ModelSpec.Family.SID_ONLY ? sid.pooled(codes, meanPool) : sid.fused(codes);
    }

    @Override
    SequenceModel extended(List<int[]> codes) {
        return new SingleBranchScorer(this, codes);
    }

    /** SASRec and GRU4Rec: the hash-ID part alone; SID-only: the semantic-ID part alone; naive fusion: both. */
    @Override
    List<ScorePart> parts() {
        return switch (family) {
            case HID -> List.of(ScorePart.HASH_ID);
            case SID_ONLY -> List.of(ScorePart.SEMANTIC_ID);
            case NAIVE_FUSION, H2REC -> List.of(ScorePart.HASH_ID, ScorePart.SEMANTIC_ID);
        };
    }

    /**
     * One part: u . e(i). Naive fusion's row is h(i) + s(i) under one user vector, so its score is
     * u . h(i) + u . s(i): s(i) again from the item's codes, h(i) the row less s(i) (zero for a
     * cold-start item).
     */
    @Override
    double[] split(float[] user, int item) {
        if (family != ModelSpec.Family.NAIVE_FUSION) {
            return new double[] {dot(user, 0, items, item * d, d)};
        }
        float[] s = sid.fused(semanticId(item));
        double hid = 0;
        for (int j = 0; j < d; j++) {
            hid += (double) user[j] * (items[item * d + j] - s[j]);
        }
        return new double[] {hid, dot(user, 0, s, 0, d)};
    }

    @Override
    int[] semanticId(int item) {
        return sid == null ? new int[0] : Arrays.copyOfRange(codes, item * sid.levels, (item + 1) * sid.levels);
    }
}
