package io.h2rec.domain.model;

/**
 * The names of the arrays a trained model exports ({@link ModelWeights#arrays()}): the contract between
 * the TensorFlow graphs that write them and the Java scorer that reads them. Both sides build every
 * name here, so a renamed array is a compile-time change on both, not two string literals that drift.
 * {@code TfTrainerTest.modelFixturesMatchTheExportedLayout} checks the exported names and shapes
 * against the test fixtures, which are built from these names too.
 *
 * <p>Layout (d = hidden, N = items, L = SID levels, K = codes per level, d_c = code-vector width):
 * <pre>
 * hid [N+1, d]                 hash-ID table (row 0 = padding)
 * pos_emb [max_len, d]         learned positions
 * popularity [N+1]             MostPop only
 * sid/codes [N+1, L]           each item's code per level (exported, never trained)
 * sid/codebook{l} [K, d_c]     code vectors of level l
 * sid/proj{l}, sid/fuse        dense d_c -> d per level (H2Rec) or shared (SID-only)
 * encoder, encoder_sid         sequence encoders: {enc}/block{b}/{ln1,mha,ln2,ffn1,ffn2}, {enc}/ln_final,
 *                              or GRU: {enc}/gru_x, {enc}/gru_h/w
 * h2rec/ca_level{l}, h2rec/ca_hid_sid, h2rec/gate1, h2rec/gate2, h2rec/mu
 * a dense layer: {name}/w [in, out], {name}/b [out]; a layer norm: {name}/gamma, {name}/beta;
 * an attention: {name}/q, /k, /v, /o (each a dense layer)
 * </pre>
 */
public final class WeightNames {
    public static final String HID = "hid";
    public static final String POSITIONS = "pos_emb";
    public static final String POPULARITY = "popularity";
    public static final String SID_CODES = "sid/codes";
    public static final String SID_FUSE = "sid/fuse";
    public static final String ENCODER = "encoder";
    public static final String ENCODER_SID = "encoder_sid";
    public static final String CA_LEVEL = "h2rec/ca_level";
    public static final String CA_HID_SID = "h2rec/ca_hid_sid";
    public static final String GATE1 = "h2rec/gate1";
    public static final String GATE2 = "h2rec/gate2";
    public static final String MU = "h2rec/mu";

    private WeightNames() {
    }

    public static String sidCodebook(int level) {
        return "sid/codebook" + level;
    }

    public static String sidProjection(int level) {
        return "sid/proj" + level;
    }

    public static String caLevel(int level) {
        return CA_LEVEL + level;
    }

    /** Parts of one Transformer block of encoder {@code encoder}. */
    public static String block(String encoder, int block, BlockPart part) {
        return encoder + "/block" + block + "/" + part.key;
    }

    public static String finalNorm(String encoder) {
        return encoder + "/ln_final";
    }

    public static String gruInput(String encoder) {
        return encoder + "/gru_x";
    }

    public static String gruRecurrentWeight(String encoder) {
        return encoder + "/gru_h/w";
    }

    public static String denseWeight(String layer) {
        return layer + "/w";
    }

    public static String denseBias(String layer) {
        return layer + "/b";
    }

    public static String normGain(String layer) {
        return layer + "/gamma";
    }

    public static String normBias(String layer) {
        return layer + "/beta";
    }

    /** One of an attention's four projections. */
    public static String attention(String layer, AttentionPart part) {
        return layer + "/" + part.key;
    }

    public enum BlockPart {
        LN1("ln1"), MHA("mha"), LN2("ln2"), FFN1("ffn1"), FFN2("ffn2");

        private final String key;

        BlockPart(String key) {
            this.key = key;
        }
    }

    public enum AttentionPart {
        Q("q"), K("k"), V("v"), O("o");

        private final String key;

        AttentionPart(String key) {
            this.key = key;
        }
    }
}
