package io.h2rec.domain.model;

import io.h2rec.domain.error.InvalidInputException;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The neural models of the platform and their parameters, in one table: each parameter's key,
 * default, range and recorded form ({@link Param}); each model a base family plus overrides (the
 * ablations); named profiles. {@link #parse} turns request parameters into a {@link ModelSpec}
 * (unknown keys and values out of range are errors); {@link #recorded} reads a recorded config back
 * (a run's or an artifact's) and refuses one that lacks a key, so a missing key can never quietly
 * serve another model.
 */
public final class ModelCatalog {
    /** The key of the engine revision in a recorded config ({@link ModelSpec#engine()}). */
    public static final String ENGINE = "engine";

    private ModelCatalog() {
    }

    /** Every parameter: key, default, range, and when it is recorded. */
    public enum Param {
        BACKBONE("backbone", "sasrec", ModelSpec.Backbone.class, ModelSpec::backbone),
        HIDDEN("hidden", "64", 4, 1024, ModelSpec::hidden),
        MAX_LEN("max_len", "50", 2, 1000, ModelSpec::maxLen),
        BLOCKS("blocks", "2", 1, 12, ModelSpec::blocks),
        HEADS("heads", "1", 1, 16, ModelSpec::heads),
        DROPOUT("dropout", "0.5", 0.0, 0.95, ModelSpec::dropout),
        LR("lr", "0.001", 1e-6, 1.0, ModelSpec::learningRate),
        BATCH("batch", "128", 1, 8192, ModelSpec::batchSize),
        EPOCHS("epochs", "200", 1, 10000, ModelSpec::epochs),
        PATIENCE("patience", "20", 1, 10000, ModelSpec::patience),
        EVAL_EVERY("eval_every", "1", 1, 1000, ModelSpec::evalEvery),
        LOSS("loss", "ce", ModelSpec.Loss.class, ModelSpec::loss),
        NEGATIVES("negatives", "256", 1, 100000, ModelSpec::sampledNegatives),
        GBCE_T("gbce_t", "0.75", 0.0, 1.0, ModelSpec::gbceT, s -> s.loss() == ModelSpec.Loss.GBCE),
        SID_POOL("sid_pool", "mean", ModelSpec.SidPool.class, ModelSpec::sidPool),
        LAMBDA_ITEM("lambda_item", "0.1", 0.0, 100.0, ModelSpec::lambdaItem),
        LAMBDA_USER("lambda_user", "0.1", 0.0, 100.0, ModelSpec::lambdaUser),
        TAU("tau", "0.5", 1e-3, 100.0, ModelSpec::tau),
        CA_HEADS("ca_heads", "4", 1, 16, ModelSpec::caHeads),
        HOT_START("hot_start", "true", ModelSpec::hotStart),
        FREEZE_CODEBOOKS("freeze_codebooks", "true", ModelSpec::freezeCodebooks),
        SHARED_ENCODER("shared_encoder", "true", ModelSpec::sharedEncoder),
        GATE("gate", "learned", ModelSpec.Gate.class, ModelSpec::gate),
        CROSS_ATTENTION("cross_attention", "true", ModelSpec::crossAttention),
        CA_RESIDUAL("ca_residual", "true", ModelSpec::caResidual),
        // Recorded only where it changes the model, so runs from before the knob keep their hash.
        CA_DROPOUT("ca_dropout", "0.5", 0.0, 0.95, ModelSpec::caDropout,
                s -> s.family() == ModelSpec.Family.H2REC && s.crossAttention() && s.caDropout() > 0),
        SID_DROPOUT("sid_dropout", "0", 0.0, 0.95, ModelSpec::sidDropout, s -> s.sidDropout() > 0 && s.usesSemanticIds()),
        WEIGHT_DECAY("weight_decay", "0", 0.0, 1.0, ModelSpec::weightDecay, s -> s.weightDecay() > 0),
        ITEM_ALIGN_BATCH("item_align_batch", "256", 2, 100000, ModelSpec::itemAlignBatch),
        POSITIVES_CAP("positives_cap", "50", 1, 10000, ModelSpec::positivesCap),
        COOCCURRENCE_WINDOW("cooccurrence_window", "3", 0, 100, ModelSpec::cooccurrenceWindow);

        private final String key;
        private final String defaultValue;
        private final Class<? extends Enum<?>> choices;
        private final double lo;
        private final double hi;
        private final boolean integer;
        private final Function<ModelSpec, Object> value;
        private final Predicate<ModelSpec> recorded;

        Param(String key, String def, int lo, int hi, Function<ModelSpec, Object> value) {
            this(key, def, null, lo, hi, true, value, s -> true);
        }

        Param(String key, String def, double lo, double hi, Function<ModelSpec, Object> value) {
            this(key, def, null, lo, hi, false, value, s -> true);
        }

        Param(String key, String def, double lo, double hi, Function<ModelSpec, Object> value,
              Predicate<ModelSpec> recorded) {
            this(key, def, null, lo, hi, false, value, recorded);
        }

        Param(String key, String def, Class<? extends Enum<?>> choices, Function<ModelSpec, Object> value) {
            this(key, def, choices, 0, 0, false, value, s -> true);
        }

        Param(String key, String def, Function<ModelSpec, Object> value) {
            this(key, def, null, 0, 0, false, value, s -> true);
        }

        Param(String key, String def, Class<? extends Enum<?>> choices, double lo, double hi, boolean integer,
              Function<ModelSpec, Object> value, Predicate<ModelSpec> recorded) {
            this.key = key;
            this.defaultValue = def;
            this.choices = choices;
            this.lo = lo;
            this.hi = hi;
            this.integer = integer;
            this.value = value;
            this.recorded = recorded;
        }

        public String key() {
            return key;
        }

        public String defaultValue() {
            return defaultValue;
        }

        boolean recordedFor(ModelSpec s) {
            return recorded.test(s);
        }

        /** Recorded only when it changes training (older configs lack it and mean the default). */
        boolean optional() {
            return this == GBCE_T || this == CA_DROPOUT || this == SID_DROPOUT || this == WEIGHT_DECAY;
        }

        String format(ModelSpec s) {
            Object v = value.apply(s);
            return v instanceof Enum<?> e ? e.name().toLowerCase(Locale.ROOT) : String.valueOf(v);
        }

        private boolean isBoolean() {
            return choices == null && lo == 0 && hi == 0 && !integer && (defaultValue.equals("true")
                    || defaultValue.equals("false"));
        }

        int intValue(Map<String, String> v) {
            String s = v.get(key).trim();
            try {
                int x = Integer.parseInt(s);
                if (x < lo || x > hi) {
                    throw new InvalidInputException("params." + key, key + " must be in [" + (int) lo + ", " + (int) hi + "], got " + x);
                }
                return x;
            } catch (NumberFormatException e) {
                throw new InvalidInputException("params." + key, key + " must be an integer, got '" + v.get(key) + "'");
            }
        }

        double doubleValue(Map<String, String> v) {
            try {
                double x = Double.parseDouble(v.get(key).trim());
                if (!(x >= lo && x <= hi)) {
                    throw new InvalidInputException("params." + key, key + " must be in [" + lo + ", " + hi + "], got " + x);
                }
                return x;
            } catch (NumberFormatException e) {
                throw new InvalidInputException("params." + key, key + " must be a number, got '" + v.get(key) + "'");
            }
        }

        boolean boolValue(Map<String, String> v) {
            String s = v.get(key).trim().toLowerCase(Locale.ROOT);
            if (!isBoolean() || !s.equals("true") && !s.equals("false")) {
                throw new InvalidInputException("params." + key, key + " must be true or false, got '" + v.get(key) + "'");
            }
            return Boolean.parseBoolean(s);
        }

        <E extends Enum<E>> E enumValue(Map<String, String> v, Class<E> type) {
            String s = v.get(key).trim();
            for (E e : type.getEnumConstants()) {
                if (e.name().toLowerCase(Locale.ROOT).equals(s)) {
                    return e;
                }
            }
            throw new InvalidInputException("params." + key, key + " must be one of " + String.join(", ", Arrays.stream(
                    type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT)).toList()) + ", got '" + s + "'");
        }
    }

    /** Base models and the registered ablations: model name -> overrides of the defaults. */
    private static final Map<String, Map<String, String>> MODELS = modelTable();

    private static Map<String, Map<String, String>> modelTable() {
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
        return Collections.unmodifiableMap(m);
    }

    /**
     * Named parameter sets: "paper" is the published paper's training setting (h2rec-model.md §5: BCE with
     * one negative per position), one switch away from the default objective.
     */
    public static final Map<String, Map<String, String>> PROFILES = Map.of("paper", Map.of("loss", "bce"));

    public static Set<String> models() {
        return MODELS.keySet();
    }

    public static boolean known(String model) {
        return MODELS.containsKey(model);
    }

    /** The graph family of a model name. */
    public static ModelSpec.Family family(String model) {
        if (model.startsWith("h2rec")) {
            return ModelSpec.Family.H2REC;
        }
        return switch (model) {
            case "sasrec", "gru4rec" -> ModelSpec.Family.HID;
            case "sid_only" -> ModelSpec.Family.SID_ONLY;
            case "naive_fusion" -> ModelSpec.Family.NAIVE_FUSION;
            default -> throw new IllegalArgumentException("unknown model '" + model + "'; known: " + MODELS.keySet());
        };
    }

    /** Every key a request may set, with its default. */
    public static Map<String, String> defaults() {
        Map<String, String> d = new TreeMap<>();
        for (Param p : Param.values()) {
            d.put(p.key(), p.defaultValue());
        }
        return d;
    }

    /**
     * Request parameters -> spec: the defaults, the model's overrides, then {@code params}. An {@code engine}
     * key (a recorded config resolved again) must be the revision this code trains the config as.
     *
     * @throws InvalidInputException unknown model or key, a value of the wrong type or out of range, a value that
     *                               undoes what defines an ablation (h2rec_no_item_align with lambda_item 1.0)
     */
    public static ModelSpec parse(String model, Map<String, String> params) {
        if (!known(model)) {
            throw new InvalidInputException("model", "unknown model '" + model + "'; known: " + MODELS.keySet());
        }
        Map<String, String> defaults = defaults();
        for (String key : params.keySet()) {
            if (!defaults.containsKey(key) && !key.equals(ENGINE)) {
                throw new InvalidInputException("params." + key, "unknown parameter '" + key + "' for model " + model + "; known: "
                        + new TreeSet<>(defaults.keySet()));
            }
        }
        Map<String, String> v = new TreeMap<>(defaults);
        v.putAll(MODELS.get(model));
        Map<String, String> defined = MODELS.get(model).isEmpty() ? Map.of() : build(model, v).asMap();
        v.putAll(params);
        v.remove(ENGINE);
        ModelSpec s = build(model, v);
        // What defines an ablation, compared in the recorded form (a recorded config says 0.0 where the table says 0).
        Map<String, String> got = defined.isEmpty() ? Map.of() : s.asMap();
        MODELS.get(model).forEach((key, fixed) -> {
            if (!Objects.equals(defined.get(key), got.get(key))) {
                throw new InvalidInputException("params." + key, model + " is defined by " + key + " = " + fixed
                        + "; got '" + params.get(key) + "' (set it on the base model instead)");
            }
        });
        String engine = params.get(ENGINE);
        if (engine != null && !engine.equals(s.engine())) {
            throw new InvalidInputException("params." + ENGINE, "configuration of training engine " + engine + "; this engine trains "
                    + model + " with " + s.loss().name().toLowerCase(Locale.ROOT) + " as revision " + s.engine());
        }
        return s;
    }

    /**
     * A recorded config (a run's, an artifact's) -> spec. Every key recorded for every config must be there:
     * only those recorded when set ({@code ca_dropout}, {@code gbce_t}, {@code sid_dropout}, {@code weight_decay})
     * may be absent, meaning what they meant when the config was recorded.
     */
    public static ModelSpec recorded(String model, Map<String, String> config) {
        for (Param p : Param.values()) {
            if (!p.optional() && !config.containsKey(p.key())) {
                throw new IllegalArgumentException("the recorded config of " + model + " lacks '" + p.key() + "'");
            }
        }
        Map<String, String> v = new TreeMap<>(config);
        v.keySet().retainAll(defaults().keySet());
        if (!config.containsKey(Param.CA_DROPOUT.key())) {
            v.put(Param.CA_DROPOUT.key(), "0");    // recorded whenever it acts, so absent means off
        }
        Map<String, String> full = new TreeMap<>(defaults());
        full.putAll(v);
        return build(model, full);
    }

    private static ModelSpec build(String model, Map<String, String> v) {
        return new ModelSpec(model, family(model), Param.BACKBONE.enumValue(v, ModelSpec.Backbone.class),
                Param.HIDDEN.intValue(v), Param.MAX_LEN.intValue(v), Param.BLOCKS.intValue(v), Param.HEADS.intValue(v),
                Param.DROPOUT.doubleValue(v), Param.LR.doubleValue(v), Param.BATCH.intValue(v), Param.EPOCHS.intValue(v),
                Param.PATIENCE.intValue(v), Param.EVAL_EVERY.intValue(v), Param.LOSS.enumValue(v, ModelSpec.Loss.class),
                Param.NEGATIVES.intValue(v), Param.GBCE_T.doubleValue(v), Param.SID_POOL.enumValue(v, ModelSpec.SidPool.class),
                Param.LAMBDA_ITEM.doubleValue(v), Param.LAMBDA_USER.doubleValue(v), Param.TAU.doubleValue(v),
                Param.CA_HEADS.intValue(v), Param.HOT_START.boolValue(v), Param.FREEZE_CODEBOOKS.boolValue(v),
                Param.SHARED_ENCODER.boolValue(v), Param.GATE.enumValue(v, ModelSpec.Gate.class),
                Param.CROSS_ATTENTION.boolValue(v), Param.CA_RESIDUAL.boolValue(v), Param.CA_DROPOUT.doubleValue(v),
                Param.SID_DROPOUT.doubleValue(v), Param.WEIGHT_DECAY.doubleValue(v), Param.ITEM_ALIGN_BATCH.intValue(v),
                Param.POSITIVES_CAP.intValue(v), Param.COOCCURRENCE_WINDOW.intValue(v));
    }
}
