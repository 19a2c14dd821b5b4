package io.h2rec.domain.model;

import io.h2rec.domain.error.InvalidInputException;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The typed configuration of a neural model: what the TensorFlow trainer builds, what the Java
 * scorer serves, what a run's config hash and an artifact's manifest record. Parsed in one place,
 * {@link ModelCatalog}, from string parameters (the REST and CLI form); {@link #asMap()} is the
 * recorded form. The TF and Java halves of a model agree through this type, not through strings.
 *
 * @param model           the registry name (a base model or an ablation, {@link ModelCatalog#models()})
 * @param sampledNegatives S for sampled_softmax and gbce
 */
public record ModelSpec(String model, Family family, Backbone backbone, int hidden, int maxLen, int blocks, int heads,
                        double dropout, double learningRate, int batchSize, int epochs, int patience, int evalEvery,
                        Loss loss, int sampledNegatives, double gbceT, SidPool sidPool, double lambdaItem,
                        double lambdaUser, double tau, int caHeads, boolean hotStart, boolean freezeCodebooks,
                        boolean sharedEncoder, Gate gate, boolean crossAttention, boolean caResidual, double caDropout,
                        double sidDropout, double weightDecay, int itemAlignBatch, int positivesCap,
                        int cooccurrenceWindow) {

    /** Which graph a model is: one HID branch (SASRec, GRU4Rec), SID-only, naive fusion, H2Rec's two branches. */
    public enum Family {
        HID, SID_ONLY, NAIVE_FUSION, H2REC;

        public boolean usesSemanticIds() {
            return this != HID;
        }

        /** The name in configs and manifests. */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The sequence encoder. */
    public enum Backbone { SASREC, GRU4REC }

    /** The next-item objective (docs/h2rec.md, "Training objectives"). */
    public enum Loss { BCE, SAMPLED_SOFTMAX, GBCE, CE }

    /** H2Rec's weights over SID levels: learned from user intent, or uniform. */
    public enum Gate { LEARNED, UNIFORM }

    /** SID-only's item embedding: mean or sum of the per-level code embeddings. */
    public enum SidPool { MEAN, SUM }

    public ModelSpec {
        if (hidden % heads != 0 || hidden % caHeads != 0) {
            throw new InvalidInputException("params.hidden", "hidden " + hidden + " must divide by heads " + heads + " and ca_heads "
                    + caHeads);
        }
    }

    public boolean usesSemanticIds() {
        return family.usesSemanticIds();
    }

    /**
     * Revision of the training engine that last changed how this model and loss train, part of every
     * recorded config (and so of a run's config hash), so sweeps do not reuse runs of older code.
     * 3: gated Adam updates, length-bucketed batches, loss normalised per average batch.
     * 4: sampled softmax on 2-D logits with accidental hits masked (under 3 its gradient was wrong).
     * 5: H2Rec's gate per position (it read the last item at every position, a look at the future).
     * 6: the full cross-entropy (ce) objective.
     * 7: gBCE with negatives drawn per sequence (under 6 they were shared by the batch and training collapsed).
     * A revision is recorded only by the configs it changed, so the others' runs stay reusable.
     */
    public String engine() {
        if (loss == Loss.GBCE) {
            return "7";
        }
        if (loss == Loss.CE) {
            return "6";
        }
        if (family == Family.H2REC) {
            return "5";
        }
        return loss == Loss.BCE ? "3" : "4";
    }

    /** The recorded form: every parameter (those recorded only when set, only then), plus the engine. */
    public Map<String, String> asMap() {
        Map<String, String> m = new TreeMap<>();
        m.put(ModelCatalog.ENGINE, engine());
        for (ModelCatalog.Param p : ModelCatalog.Param.values()) {
            if (p.recordedFor(this)) {
                m.put(p.key(), p.format(this));
            }
        }
        return m;
    }
}
