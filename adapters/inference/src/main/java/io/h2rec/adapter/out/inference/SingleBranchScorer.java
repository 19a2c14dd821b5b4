package io.h2rec.adapter.out.inference;

import io.h2rec.domain.model.WeightNames;
import io.h2rec.domain.model.ModelSpec;
import io.h2rec.domain.model.ModelWeights;

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
    }

    private SingleBranchScorer(SingleBranchScorer base, float[] items, int numItems) {
        super(base.maxLen, numItems, base.dim, items);
        this.d = base.d;
        this.positions = base.positions;
        this.inputs = scaled(items, d);
        this.encoder = base.encoder;
        this.family = base.family;
        this.sid = base.sid;
        this.meanPool = base.meanPool;
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
        return new SingleBranchScorer(this, appendRows(codes), numItems + codes.size());
    }
}
