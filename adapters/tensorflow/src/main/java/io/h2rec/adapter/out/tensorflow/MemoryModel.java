package io.h2rec.adapter.out.tensorflow;

import io.h2rec.domain.model.ModelSpec;
import io.h2rec.domain.model.MemoryEstimate;

/**
 * An upper-bound estimate of a training run's memory from its config, counted in float32 values:
 * parameters (item and position tables, encoder blocks, H2Rec's SID tables and cross-attentions);
 * per parameter also a gradient, Adam's two moments and two snapshots (best epoch, checkpoint); and
 * the activations of one batch kept for the backward pass (hidden states per block, attention
 * scores, the loss's logits). Coarse on purpose: it exists to refuse configs that cannot fit (a
 * 1024-wide, 12-block model over 8192 x 1000 positions) before they start, not to size a heap.
 */
final class MemoryModel {
    /** Hidden-size tensors a block keeps per position (q, k, v, attention output, FFN, norms, dropout masks). */
    private static final int STATES_PER_BLOCK = 12;
    /** Gradient + Adam m and v + best-epoch and checkpoint snapshots, per parameter. */
    private static final int COPIES_PER_PARAMETER = 5;

    private MemoryModel() {
    }

    static MemoryEstimate of(ModelSpec c, int items, int sidCodes) {
        long d = c.hidden();
        long t = c.maxLen();
        long b = c.batchSize();
        long n = items + 1L;
        boolean h2rec = c.family() == ModelSpec.Family.H2REC;
        boolean gru = c.backbone() == ModelSpec.Backbone.GRU4REC;
        long block = gru ? 6 * d * d + 6 * d : 12 * d * d + 13 * d;   // attention 4d^2 + FFN 8d^2, or a GRU cell
        long params = n * d + t * d + c.blocks() * block;
        long encoderPasses = 1;
        if (c.usesSemanticIds()) {
            params += (long) sidCodes * d + d * d;                        // code tables + projection
        }
        if (h2rec) {
            params += 5 * 4 * d * d;                                      // five cross-attentions
            encoderPasses = 4;                                            // two branches, two L_user views
        }
        long activations = encoderPasses * c.blocks() * b * t * (STATES_PER_BLOCK * d + (gru ? 0 : 2L * c.heads() * t));
        activations += switch (c.loss()) {
            case CE -> 2 * b * t * n;                                   // full logits and their gradient
            case SAMPLED_SOFTMAX, GBCE -> 2 * b * t * c.sampledNegatives() + (long) c.sampledNegatives() * d;
            case BCE -> 6 * b * t * d;                                    // positive and negative item rows
        };
        if (h2rec) {
            activations += 5L * b * t * (4 * d + 2L * c.caHeads() * t);
        }
        activations *= 2;                                                 // forward values and their gradients
        return new MemoryEstimate(4 * params, 4 * COPIES_PER_PARAMETER * params, 4 * activations);
    }
}
