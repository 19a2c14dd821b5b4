package io.h2rec.adapter.out.tensorflow;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The typed configuration of every model the TensorFlow trainer builds, with the defaults of
 * h2rec-model.md §5 (the authors' code) where it names them. Unknown keys and out-of-range values
 * are errors. Models are configs of one pipeline: an ablation is a base model plus overrides.
 */
record ModelConfig(String model, String backbone, int hidden, int maxLen, int blocks, int heads, double dropout,
                   double learningRate, int batchSize, int epochs, int patience, int evalEvery, String loss,
                   int sampledNegatives, String sidPool, double lambdaItem, double lambdaUser, double tau,
                   int caHeads, boolean hotStart, boolean freezeCodebooks, boolean sharedEncoder, String gate,
                   boolean crossAttention, boolean caResidual, double caDropout, int itemAlignBatch, int positivesCap,
                   int cooccurrenceWindow, double gbceT, double sidDropout, double weightDecay) {

    /**
     * Revision of the training engine, part of every resolved config (and so of a run's config
     * hash): bumped when training semantics change, so sweeps do not reuse runs of older code.
     * 3: gated Adam updates, length-bucketed batches, loss normalised per average batch.
     * 4: sampled softmax on 2-D logits with accidental hits masked (under 3 its gradient was wrong).
     * BCE training did not change in 4, so BCE configs still record 3 and their runs stay reusable.
     * 5: H2Rec's gate per position (it read the last item at every position, a look at the future);
     * only H2Rec models record 5, the others' runs stay reusable.
     * 6: the full cross-entropy (ce) objective; only configs with that loss record 6.
     * 7: gBCE with negatives drawn per sequence (under 6 they were shared by the batch and training
     * collapsed); only gBCE configs record 7.
     */
    static final String ENGINE = "7";

    /** The engine revision this config records: the last one that changed how its model and loss train. */
    String engine() {
        if (loss.equals("gbce")) {
            return "7";
        }
        if (loss.equals("ce")) {
            return "6";
        }
        if (family().equals("h2rec")) {
            return "5";
        }
        return loss.equals("bce") ? "3" : "4";
    }

    /** Base models and the registered ablations (model name -> base + overrides). */
    static final Map<String, Map<String, String>> MODELS = models();
    static final Set<String> SID_MODELS = Set.of("sid_only", "naive_fusion", "h2rec");

    private static Map<String, Map<String, String>> models() {
        Map<String, Map<String, String>> m = new LinkedHashMap<>();
        m.put("sasrec", Map.of());
        m.put("gru4rec", Map.of("backbone", "gru4rec"));
        m.put("sid_only", Map.of());
        m.put("naive_fusion", Map.of());
        m.put("h2rec", Map.of());
        m.put("h2rec_gru4rec", Map.of("backbone", "gru4rec"));
        m.put("h2rec_no_item_align", Map.of("lambda_item", "0"));
        m.put("h2rec_no_user_align", Map.of("lambda_user", "0"));
        m.put("h2rec_uniform_gate", Map.of("gate", "uniform"));
        m.put("h2rec_no_cross_attention", Map.of("cross_attention", "false"));
        m.put("h2rec_no_ca_residual", Map.of("ca_residual", "false"));
        return m;
    }

    /** The graph family of a model name: hid (sasrec, gru4rec), sid_only, naive_fusion, h2rec. */
    String family() {
        if (model.startsWith("h2rec")) {
            return "h2rec";
        }
        return model.equals("sasrec") || model.equals("gru4rec") ? "hid" : model;
    }

    boolean usesSemanticIds() {
        return SID_MODELS.contains(family());
    }

    static final Map<String, String> DEFAULTS = defaults();

    /**
     * Named parameter sets: "paper" is the published paper's training setting (h2rec-model.md §5: BCE with
     * one negative per position), one switch away from the default objective.
     */
    static final Map<String, Map<String, String>> PROFILES = Map.of("paper", Map.of("loss", "bce"));

    private static Map<String, String> defaults() {
        Map<String, String> d = new TreeMap<>();
        d.put("backbone", "sasrec");        // sequence encoder: sasrec (self-attention) or gru4rec (GRU)
        d.put("hidden", "64");               // d
        d.put("max_len", "50");              // T: most recent items kept, left-padded
        d.put("blocks", "2");                // SASRec blocks
        d.put("heads", "1");                 // SASRec self-attention heads
        d.put("dropout", "0.5");             // embedding, attention and FFN dropout
        d.put("lr", "0.001");                // Adam learning rate
        d.put("batch", "128");
        d.put("epochs", "200");              // upper bound; early stopping usually ends sooner
        d.put("patience", "20");             // epochs without a better validation NDCG@10
        d.put("eval_every", "1");            // validate every n epochs
        d.put("loss", "bce");                // bce (one negative per position), sampled_softmax, gbce, ce (docs/h2rec.md)
        d.put("negatives", "256");           // shared negatives per batch for sampled_softmax and gbce
        d.put("gbce_t", "0.75");             // gBCE calibration t (gSASRec): 0 = plain BCE, 1 = fully calibrated
        d.put("sid_dropout", "0");           // dropout on the item's s(i) while training (SID models)
        d.put("weight_decay", "0");          // decoupled weight decay (AdamW) on every trained weight
        d.put("sid_pool", "mean");           // sid_only: mean or sum of per-level code embeddings
        d.put("lambda_item", "0.1");         // H2Rec code-guided alignment weight
        d.put("lambda_user", "0.1");         // H2Rec masked-granularity weight
        d.put("tau", "0.5");                 // L_item temperature
        d.put("ca_heads", "4");              // cross-attention heads
        d.put("hot_start", "true");          // HID rows from PCA of text embeddings (when text exists)
        d.put("freeze_codebooks", "true");   // codebook vectors C_l fixed (trainable when false)
        d.put("shared_encoder", "true");     // one encoder for both branches
        d.put("gate", "learned");            // learned (user intent) or uniform
        d.put("cross_attention", "true");    // false: each branch encodes its own stream
        d.put("ca_residual", "true");        // Z^H = X^H + sum_l a_l CA_l, Z^S = X^S + CA_hs; false: as the spec (docs/h2rec.md)
        d.put("ca_dropout", "0.5");          // dropout on the cross-attention outputs, training only (docs/h2rec.md)
        d.put("item_align_batch", "256");    // distinct target items per step in L_item
        d.put("positives_cap", "50");        // positives per item in L_item
        d.put("cooccurrence_window", "3");   // +-positions counted as co-occurrence
        return Map.copyOf(d);
    }

    static boolean known(String model) {
        return MODELS.containsKey(model);
    }

    static ModelConfig resolve(String model, Map<String, String> params) {
        if (!known(model)) {
            throw new IllegalArgumentException("unknown model '" + model + "'; known: " + MODELS.keySet());
        }
        String engine = params.get("engine");
        for (String key : params.keySet()) {
            if (!DEFAULTS.containsKey(key) && !key.equals("engine")) {
                throw new IllegalArgumentException("unknown parameter '" + key + "' for model " + model + "; known: "
                        + new TreeSet<>(DEFAULTS.keySet()));
            }
        }
        Map<String, String> v = new TreeMap<>(DEFAULTS);
        v.putAll(MODELS.get(model));
        v.putAll(params);
        ModelConfig c = new ModelConfig(model, oneOf(v, "backbone", "sasrec", "gru4rec"), intIn(v, "hidden", 4, 1024),
                intIn(v, "max_len", 2, 1000), intIn(v, "blocks", 1, 12), intIn(v, "heads", 1, 16),
                doubleIn(v, "dropout", 0, 0.95), doubleIn(v, "lr", 1e-6, 1), intIn(v, "batch", 1, 8192),
                intIn(v, "epochs", 1, 10000), intIn(v, "patience", 1, 10000), intIn(v, "eval_every", 1, 1000),
                oneOf(v, "loss", "bce", "sampled_softmax", "gbce", "ce"), intIn(v, "negatives", 1, 100000),
                oneOf(v, "sid_pool", "mean", "sum"), doubleIn(v, "lambda_item", 0, 100),
                doubleIn(v, "lambda_user", 0, 100), doubleIn(v, "tau", 1e-3, 100), intIn(v, "ca_heads", 1, 16),
                bool(v, "hot_start"), bool(v, "freeze_codebooks"), bool(v, "shared_encoder"),
                oneOf(v, "gate", "learned", "uniform"), bool(v, "cross_attention"), bool(v, "ca_residual"),
                doubleIn(v, "ca_dropout", 0, 0.95),
                intIn(v, "item_align_batch", 2, 100000), intIn(v, "positives_cap", 1, 10000),
                intIn(v, "cooccurrence_window", 0, 100), doubleIn(v, "gbce_t", 0, 1),
                doubleIn(v, "sid_dropout", 0, 0.95), doubleIn(v, "weight_decay", 0, 1));
        if (engine != null && !engine.equals(c.engine())) {
            throw new IllegalArgumentException("configuration of training engine " + engine + "; this engine trains "
                    + model + " with " + c.loss + " as revision " + c.engine());
        }
        if (c.hidden % c.heads != 0 || c.hidden % c.caHeads != 0) {
            throw new IllegalArgumentException("hidden " + c.hidden + " must divide by heads " + c.heads
                    + " and ca_heads " + c.caHeads);
        }
        return c;
    }

    /** The resolved values, every key, as recorded with a run. */
    Map<String, String> asMap() {
        Map<String, String> m = new TreeMap<>();
        m.put("engine", engine());
        m.put("backbone", backbone);
        m.put("hidden", String.valueOf(hidden));
        m.put("max_len", String.valueOf(maxLen));
        m.put("blocks", String.valueOf(blocks));
        m.put("heads", String.valueOf(heads));
        m.put("dropout", String.valueOf(dropout));
        m.put("lr", String.valueOf(learningRate));
        m.put("batch", String.valueOf(batchSize));
        m.put("epochs", String.valueOf(epochs));
        m.put("patience", String.valueOf(patience));
        m.put("eval_every", String.valueOf(evalEvery));
        m.put("loss", loss);
        m.put("negatives", String.valueOf(sampledNegatives));
        m.put("sid_pool", sidPool);
        m.put("lambda_item", String.valueOf(lambdaItem));
        m.put("lambda_user", String.valueOf(lambdaUser));
        m.put("tau", String.valueOf(tau));
        m.put("ca_heads", String.valueOf(caHeads));
        m.put("hot_start", String.valueOf(hotStart));
        m.put("freeze_codebooks", String.valueOf(freezeCodebooks));
        m.put("shared_encoder", String.valueOf(sharedEncoder));
        m.put("gate", gate);
        m.put("cross_attention", String.valueOf(crossAttention));
        m.put("ca_residual", String.valueOf(caResidual));
        if (family().equals("h2rec") && crossAttention && caDropout > 0) {
            // Recorded only where it changes the model: runs without it (other models, no cross-attention,
            // rate 0) keep the hash they had before this knob existed.
            m.put("ca_dropout", String.valueOf(caDropout));
        }
        // Recorded only where they change training, so configs without them keep their hashes.
        if (loss.equals("gbce")) {
            m.put("gbce_t", String.valueOf(gbceT));
        }
        if (sidDropout > 0 && usesSemanticIds()) {
            m.put("sid_dropout", String.valueOf(sidDropout));
        }
        if (weightDecay > 0) {
            m.put("weight_decay", String.valueOf(weightDecay));
        }
        m.put("item_align_batch", String.valueOf(itemAlignBatch));
        m.put("positives_cap", String.valueOf(positivesCap));
        m.put("cooccurrence_window", String.valueOf(cooccurrenceWindow));
        return m;
    }

    private static int intIn(Map<String, String> v, String key, int lo, int hi) {
        try {
            int x = Integer.parseInt(v.get(key).trim());
            if (x < lo || x > hi) {
                throw new IllegalArgumentException(key + " must be in [" + lo + ", " + hi + "], got " + x);
            }
            return x;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be an integer, got '" + v.get(key) + "'");
        }
    }

    private static double doubleIn(Map<String, String> v, String key, double lo, double hi) {
        try {
            double x = Double.parseDouble(v.get(key).trim());
            if (!(x >= lo && x <= hi)) {
                throw new IllegalArgumentException(key + " must be in [" + lo + ", " + hi + "], got " + x);
            }
            return x;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number, got '" + v.get(key) + "'");
        }
    }

    private static boolean bool(Map<String, String> v, String key) {
        String s = v.get(key).trim().toLowerCase();
        if (!s.equals("true") && !s.equals("false")) {
            throw new IllegalArgumentException(key + " must be true or false, got '" + v.get(key) + "'");
        }
        return Boolean.parseBoolean(s);
    }

    private static String oneOf(Map<String, String> v, String key, String... allowed) {
        String s = v.get(key).trim();
        for (String a : allowed) {
            if (a.equals(s)) {
                return s;
            }
        }
        throw new IllegalArgumentException(key + " must be one of " + String.join(", ", allowed) + ", got '" + s + "'");
    }
}
