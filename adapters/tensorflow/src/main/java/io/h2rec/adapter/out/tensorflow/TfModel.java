package io.h2rec.adapter.out.tensorflow;

import io.h2rec.domain.model.WeightNames;
import io.h2rec.domain.model.ModelSpec;
import io.h2rec.domain.model.ItemId;
import io.h2rec.domain.model.ModelWeights;
import io.h2rec.domain.model.RunProgress;
import io.h2rec.domain.port.out.Scorer;
import io.h2rec.domain.port.out.TrainedModel;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A graph, its session and its parameters: scores batches of histories in TensorFlow (used for
 * validation while training) and exports the weights as plain arrays.
 */
final class TfModel implements TrainedModel {
    private static final int SCORE_GROUP = 64;
    final Graph graph;
    final Session session;
    final Params params;
    final Layers layers;
    final RecGraph rec;
    final ModelSpec config;
    final List<ItemId> itemIds;
    final String device;
    private final Map<String, String> resolved;
    private final float[] popularity;
    private RunProgress progress = RunProgress.starting("not trained");

    TfModel(Graph graph, Session session, Params params, Layers layers, RecGraph rec, ModelSpec config,
            List<ItemId> itemIds, String device, Map<String, String> resolved, int[] popularity) {
        this.graph = graph;
        this.session = session;
        this.params = params;
        this.layers = layers;
        this.rec = rec;
        this.config = config;
        this.itemIds = itemIds;
        this.device = device;
        this.resolved = Map.copyOf(resolved);
        this.popularity = new float[popularity.length];
        for (int i = 0; i < popularity.length; i++) {
            this.popularity[i] = popularity[i];
        }
    }

    void progress(RunProgress p) {
        this.progress = p;
    }

    @Override
    public Scorer scorer() {
        return new Scorer() {
            @Override
            public int numItems() {
                return rec.numItems;
            }

            @Override
            public float[][] score(List<int[]> histories) {
                return TfModel.this.score(histories);
            }
        };
    }

    /** Histories are scored in groups of similar length, each padded to its own longest. */
    float[][] score(List<int[]> histories) {
        int b = histories.size();
        Integer[] order = new Integer[b];
        for (int i = 0; i < b; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (x, y) -> Integer.compare(histories.get(x).length, histories.get(y).length));
        float[][] out = new float[b][];
        for (int from = 0; from < b; from += SCORE_GROUP) {
            int to = Math.min(b, from + SCORE_GROUP);
            List<int[]> group = new java.util.ArrayList<>(to - from);
            for (int i = from; i < to; i++) {
                group.add(histories.get(order[i]));
            }
            float[][] scored = scoreGroup(group);
            for (int i = from; i < to; i++) {
                out[order[i]] = scored[i - from];
            }
        }
        return out;
    }

    private float[][] scoreGroup(List<int[]> histories) {
        int b = histories.size();
        int longest = 1;
        for (int[] h : histories) {
            longest = Math.max(longest, h.length);
        }
        int t = rec.paddedLength(longest);
        int[] seq = new int[b * t];
        for (int r = 0; r < b; r++) {
            TrainingBatches.leftPad(histories.get(r), t, seq, r);
        }
        int n1 = rec.numItems + 1;
        try (TInt32 s = Tensors.ints(seq, b, t);
             TFloat32 rate = TFloat32.scalarOf(0f);
             TInt64 seed = TInt64.vectorOf(0L, 0L);
             Result r = session.runner().feed(rec.seq, s).feed(layers.dropRate, rate).feed(layers.seed, seed)
                     .fetch(rec.scores()).run()) {
            float[] flat = Tensors.floats((TFloat32) r.get(0));
            float[][] out = new float[b][n1];
            for (int i = 0; i < b; i++) {
                System.arraycopy(flat, i * n1, out[i], 0, n1);
            }
            return out;
        }
    }

    @Override
    public ModelWeights weights() {
        Map<String, float[]> values = params.snapshot(session);
        Map<String, ModelWeights.Array> arrays = new LinkedHashMap<>();
        for (Params.Param p : params.all()) {
            if (p.exported()) {
                arrays.put(p.name(), new ModelWeights.Array(p.shape(), values.get(p.name())));
            }
        }
        // Training popularity rides along: serving's fallback for users without a known history item.
        arrays.put(WeightNames.POPULARITY, new ModelWeights.Array(new int[] {popularity.length}, popularity.clone()));
        Map<String, String> cfg = new LinkedHashMap<>(resolved);
        cfg.put("num_items", String.valueOf(rec.numItems));
        cfg.put("dim", String.valueOf(rec.dim));
        cfg.put("family", config.family().key());
        return new ModelWeights(config.model(), cfg, itemIds, arrays);
    }

    @Override
    public Map<String, String> resolvedConfig() {
        return resolved;
    }

    @Override
    public String device() {
        return device;
    }

    @Override
    public RunProgress finalProgress() {
        return progress;
    }

    @Override
    public void close() {
        session.close();
        graph.close();
    }
}
