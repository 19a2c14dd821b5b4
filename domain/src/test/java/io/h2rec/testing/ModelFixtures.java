package io.h2rec.testing;

import io.h2rec.domain.model.WeightNames;
import io.h2rec.domain.model.ItemId;
import io.h2rec.domain.model.ModelCatalog;
import io.h2rec.domain.model.ModelSpec;
import io.h2rec.domain.model.ModelWeights;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Random but complete model weights, named and shaped exactly as the TensorFlow trainer exports
 * them (TfTrainerTest holds the two together), for tests that need a servable model without
 * TensorFlow on their classpath.
 */
public final class ModelFixtures {
    private ModelFixtures() {
    }

    /** A SASRec (1 block, 1 head) over items "i1".."iN". */
    public static ModelWeights sasrec(int numItems, int d, int maxLen, long seed) {
        Builder b = new Builder(seed);
        b.put(WeightNames.POSITIONS, 0.1f, maxLen, d);
        b.put(WeightNames.HID, 0.3f, numItems + 1, d);
        b.encoder(WeightNames.ENCODER, d);
        b.popularity(numItems);
        return new ModelWeights("sasrec", config("sasrec", numItems, d, maxLen, d), items(numItems), b.arrays);
    }

    /** An H2Rec (1 block, L levels of K=4 codes, d_c = 6, 2 cross-attention heads) over items "i1".."iN". */
    public static ModelWeights h2rec(int numItems, int d, int maxLen, int levels, long seed) {
        Builder b = new Builder(seed);
        int k = 4;
        int dc = 6;
        b.put(WeightNames.POSITIONS, 0.1f, maxLen, d);
        b.put(WeightNames.HID, 0.3f, numItems + 1, d);
        float[] codes = new float[(numItems + 1) * levels];
        for (int i = 1; i <= numItems; i++) {
            int rest = i;
            for (int l = 0; l < levels; l++) {
                codes[i * levels + l] = rest % k;
                rest /= k;
            }
        }
        b.arrays.put(WeightNames.SID_CODES, new ModelWeights.Array(new int[] {numItems + 1, levels}, codes));
        for (int l = 0; l < levels; l++) {
            b.put(WeightNames.sidCodebook(l), 0.5f, k, dc);
            b.dense(WeightNames.sidProjection(l), dc, d, true);
        }
        b.dense(WeightNames.SID_FUSE, dc, d, true);
        b.encoder(WeightNames.ENCODER, d);
        for (int l = 0; l < levels; l++) {
            b.attention(WeightNames.caLevel(l), d, false);
        }
        b.attention(WeightNames.CA_HID_SID, d, false);
        b.dense(WeightNames.GATE1, d + levels, d / 2, true);
        b.dense(WeightNames.GATE2, d / 2, levels, true);
        b.put(WeightNames.MU, 0.1f, levels, d);
        b.popularity(numItems);
        return new ModelWeights("h2rec", config("h2rec", numItems, d, maxLen, 2 * d), items(numItems), b.arrays);
    }

    /**
     * The {@link #h2rec} fixture's arrays under another model with semantic IDs (sid_only,
     * naive_fusion, an H2Rec ablation): each model reads the arrays it needs.
     */
    public static ModelWeights withSemanticIds(String model, int numItems, int d, int maxLen, int levels, long seed) {
        ModelWeights w = h2rec(numItems, d, maxLen, levels, seed);
        int dim = ModelCatalog.family(model) == ModelSpec.Family.H2REC ? 2 * d : d;
        return new ModelWeights(model, config(model, numItems, d, maxLen, dim), w.itemIds(), w.arrays());
    }

    public static List<ItemId> items(int numItems) {
        List<ItemId> ids = new ArrayList<>();
        for (int i = 1; i <= numItems; i++) {
            ids.add(ItemId.of("i" + i));
        }
        return ids;
    }

    /** The recorded config the trainer exports: the model's spec (one block, one head, 2 CA heads) and sizes. */
    private static Map<String, String> config(String model, int numItems, int d, int maxLen, int dim) {
        Map<String, String> c = new LinkedHashMap<>(ModelCatalog.parse(model, Map.of("hidden", String.valueOf(d),
                "max_len", String.valueOf(maxLen), "blocks", "1", "heads", "1", "ca_heads", "2")).asMap());
        c.put("family", ModelCatalog.family(model).key());
        c.put("num_items", String.valueOf(numItems));
        c.put("dim", String.valueOf(dim));
        return c;
    }

    private static final class Builder {
        final Map<String, ModelWeights.Array> arrays = new LinkedHashMap<>();
        final SplittableRandom rnd;

        Builder(long seed) {
            this.rnd = new SplittableRandom(seed);
        }

        void put(String name, float scale, int... shape) {
            int n = 1;
            for (int s : shape) {
                n *= s;
            }
            float[] v = new float[n];
            for (int i = 0; i < n; i++) {
                v[i] = (float) (rnd.nextGaussian() * scale);
            }
            arrays.put(name, new ModelWeights.Array(shape, v));
        }

        void dense(String name, int in, int out, boolean bias) {
            put(WeightNames.denseWeight(name), (float) Math.sqrt(2.0 / (in + out)), in, out);
            if (bias) {
                put(WeightNames.denseBias(name), 0.01f, out);
            }
        }

        void layerNorm(String name, int d) {
            float[] ones = new float[d];
            java.util.Arrays.fill(ones, 1f);
            arrays.put(WeightNames.normGain(name), new ModelWeights.Array(new int[] {d}, ones));
            arrays.put(WeightNames.normBias(name), new ModelWeights.Array(new int[] {d}, new float[d]));
        }

        void attention(String name, int d, boolean bias) {
            dense(WeightNames.attention(name, WeightNames.AttentionPart.Q), d, d, bias);
            dense(WeightNames.attention(name, WeightNames.AttentionPart.K), d, d, bias);
            dense(WeightNames.attention(name, WeightNames.AttentionPart.V), d, d, bias);
            dense(WeightNames.attention(name, WeightNames.AttentionPart.O), d, d, true);
        }

        void encoder(String name, int d) {
            layerNorm(WeightNames.block(name, 0, WeightNames.BlockPart.LN1), d);
            attention(WeightNames.block(name, 0, WeightNames.BlockPart.MHA), d, true);
            layerNorm(WeightNames.block(name, 0, WeightNames.BlockPart.LN2), d);
            dense(WeightNames.block(name, 0, WeightNames.BlockPart.FFN1), d, d, true);
            dense(WeightNames.block(name, 0, WeightNames.BlockPart.FFN2), d, d, true);
            layerNorm(WeightNames.finalNorm(name), d);
        }

        void popularity(int numItems) {
            float[] p = new float[numItems + 1];
            for (int i = 1; i <= numItems; i++) {
                p[i] = numItems - i; // i1 most popular
            }
            arrays.put(WeightNames.POPULARITY, new ModelWeights.Array(new int[] {numItems + 1}, p));
        }
    }
}
