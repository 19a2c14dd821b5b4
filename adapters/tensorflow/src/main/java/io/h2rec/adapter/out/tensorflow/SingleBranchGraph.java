package io.h2rec.adapter.out.tensorflow;

import io.h2rec.domain.model.WeightNames;
import io.h2rec.domain.model.ModelSpec;
import io.h2rec.domain.model.SemanticSideInfo;
import org.tensorflow.Operand;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * One encoder over one item embedding, tied between input and output (h2rec-model.md §6):
 * SASRec / GRU4Rec over the HID table, SID-only over the mean (or sum) of per-level code
 * embeddings, naive fusion over h(i) + s(i).
 */
final class SingleBranchGraph extends RecGraph {

    private final ModelSpec.Family family;
    private final Variable<TFloat32> hid;
    private final SidEmbedding sid;
    private final Encoders.SequenceEncoder encoder;

    SingleBranchGraph(Layers l, ModelSpec c, int numItems, SemanticSideInfo side, float[] hidInit) {
        super(l, c, numItems, c.hidden());
        this.family = c.family();
        this.hid = family == ModelSpec.Family.SID_ONLY ? null
                : l.params.weight(WeightNames.HID, new int[] {numItems + 1, c.hidden()}, hidInit);
        this.sid = family == ModelSpec.Family.HID ? null : new SidEmbedding(l, side, c,
                family == ModelSpec.Family.SID_ONLY, family == ModelSpec.Family.NAIVE_FUSION);
        this.encoder = Encoders.create(l, WeightNames.ENCODER, c);
    }

    @Override
    Operand<TFloat32> itemVectors(Operand<TInt32> ids) {
        return switch (family) {
            case HID -> tf.gather(hid, ids, l.scalar(0));
            case SID_ONLY -> sidDropout(sid.pooled(ids, c.sidPool() == ModelSpec.SidPool.MEAN));
            case NAIVE_FUSION -> tf.math.add(tf.gather(hid, ids, l.scalar(0)), sidDropout(sid.fused(ids)));
            case H2REC -> throw new IllegalStateException("not a single-branch model: " + family);
        };
    }

    @Override
    protected Operand<TFloat32> buildStates(boolean lastOnly) {
        return encoder.apply(stream(itemVectors(seq)), mask, keyBias, lastOnly);
    }
}
