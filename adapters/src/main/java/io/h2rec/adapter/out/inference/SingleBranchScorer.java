package io.h2rec.adapter.out.inference;

import io.h2rec.domain.model.ModelWeights;

/** SASRec / GRU4Rec over HID, SID-only, naive fusion: one encoder over one tied item embedding. */
final class SingleBranchScorer extends SequenceScorer {
    private final int d;
    private final float[] positions;
    private final Encoder encoder;

    SingleBranchScorer(ModelWeights w) {
        super(w.intConfig("max_len"), w.intConfig("num_items"));
        this.d = w.intConfig("hidden");
        this.dim = d;
        this.positions = w.array("pos_emb").values();
        this.encoder = Encoder.of(w, "encoder");
        String family = w.config().get("family");
        int n1 = numItems + 1;
        this.items = new float[n1 * d];
        float[] hid = w.has("hid") ? w.array("hid").values() : null;
        SidTables sid = w.has("sid/codes") ? new SidTables(w) : null;
        int[][] codes = sid == null ? null : SidTables.codes(w);
        for (int i = 0; i < n1; i++) {
            float[] row = switch (family) {
                case "hid" -> java.util.Arrays.copyOfRange(hid, i * d, (i + 1) * d);
                case "sid_only" -> sid.pooled(codes[i], !"sum".equals(w.config().get("sid_pool")));
                case "naive_fusion" -> {
                    float[] r = java.util.Arrays.copyOfRange(hid, i * d, (i + 1) * d);
                    Blocks.addInto(r, sid.fused(codes[i]));
                    yield r;
                }
                default -> throw new IllegalArgumentException("not a single-branch model: " + family);
            };
            System.arraycopy(row, 0, items, i * d, d);
        }
    }

    @Override
    float[] userVector(int[] history) {
        float[][] e = new float[history.length][];
        for (int p = 0; p < history.length; p++) {
            e[p] = java.util.Arrays.copyOfRange(items, history[p] * d, (history[p] + 1) * d);
        }
        return encoder.last(stream(e, positions, maxLen, d));
    }
}
