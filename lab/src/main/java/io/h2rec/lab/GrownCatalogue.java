package io.h2rec.lab;

import io.h2rec.domain.model.ItemId;
import io.h2rec.domain.model.ModelWeights;
import io.h2rec.domain.model.WeightNames;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A trained model's catalogue grown to many more items, for measuring serving at a size no dataset
 * here has: every encoder, attention and code table stays the trained one, so histories of trained
 * items get the model's real user vectors. Each new item is a variant of a trained item drawn
 * uniformly: its semantic ID keeps the source's first level (and its second with probability 1/2),
 * finer levels are drawn at random; its hash-ID row is RHO x the source's plus Gaussian noise that
 * keeps the expected norm (so the norms, which carry popularity, keep their trained distribution)
 * and puts the row at a cosine of about RHO to its source. New items have zero popularity and ids
 * "grown-N". Deterministic for a seed.
 */
final class GrownCatalogue {
    /** A new item's hash-ID row against its source's: cosine about RHO, the same expected norm. */
    static final double RHO = 0.8;

    private GrownCatalogue() {
    }

    static ModelWeights grow(ModelWeights w, int items, long seed) {
        int trained = w.numItems();
        if (items < trained) {
            throw new IllegalArgumentException("--items " + items + " is below the model's " + trained + " trained items");
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        ModelWeights.Array hid = w.array(WeightNames.HID);
        int d = hid.cols();
        boolean sids = w.has(WeightNames.SID_CODES);
        ModelWeights.Array codes = sids ? w.array(WeightNames.SID_CODES) : null;
        int levels = sids ? codes.cols() : 0;
        int codeCount = 0;
        for (int l = 0; l < levels; l++) {
            codeCount = Math.max(codeCount, w.array(WeightNames.sidCodebook(l)).rows());
        }
        float[] h = java.util.Arrays.copyOf(hid.values(), (items + 1) * d);
        float[] c = sids ? java.util.Arrays.copyOf(codes.values(), (items + 1) * levels) : null;
        for (int i = trained + 1; i <= items; i++) {
            int source = 1 + rnd.nextInt(trained);
            double sq = 0;
            for (int j = 0; j < d; j++) {
                sq += (double) h[source * d + j] * h[source * d + j];
            }
            double noise = Math.sqrt((1 - RHO * RHO) * sq / d);
            for (int j = 0; j < d; j++) {
                h[i * d + j] = (float) (RHO * h[source * d + j] + noise * rnd.nextGaussian());
            }
            for (int l = 0; l < levels; l++) {
                boolean keep = l == 0 || (l == 1 && rnd.nextBoolean());
                c[i * levels + l] = keep ? c[source * levels + l] : rnd.nextInt(codeCount);
            }
        }
        Map<String, ModelWeights.Array> arrays = new LinkedHashMap<>(w.arrays());
        arrays.put(WeightNames.HID, new ModelWeights.Array(new int[] {items + 1, d}, h));
        if (sids) {
            arrays.put(WeightNames.SID_CODES, new ModelWeights.Array(new int[] {items + 1, levels}, c));
        }
        if (w.has(WeightNames.POPULARITY)) {
            arrays.put(WeightNames.POPULARITY, new ModelWeights.Array(new int[] {items + 1},
                    java.util.Arrays.copyOf(w.array(WeightNames.POPULARITY).values(), items + 1)));
        }
        List<ItemId> ids = new ArrayList<>(w.itemIds());
        for (int i = trained + 1; i <= items; i++) {
            ids.add(new ItemId("grown-" + i));
        }
        Map<String, String> config = new LinkedHashMap<>(w.config());
        config.put("num_items", String.valueOf(items));
        return new ModelWeights(w.modelType(), config, ids, arrays);
    }
}
