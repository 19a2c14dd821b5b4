package io.h2rec.serving.model;

import io.h2rec.domain.model.ItemId;
import io.h2rec.domain.model.ModelWeights;
import io.h2rec.domain.model.RankQuery;
import io.h2rec.domain.model.ServingModel;
import io.h2rec.domain.port.out.RankingModel;
import io.h2rec.domain.service.RankItemsService;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Rankings before a model takes traffic (a loaded version on the exact path, an index on the
 * retrieval path). The first of its shape in this JVM gets at least 400, so the JIT has compiled
 * its hot loops with every path taken: micro-batch sizes 1..max-micro-batch (the scan's remainder
 * blocks), histories from one item to past the model's window, with and without candidates. A path
 * first met under load would deoptimize a compiled kernel and run it interpreted (the Vector API is
 * ~100x slower there) until it is compiled again: a latency spike per new path. A later version of
 * the same shape (same scorer class, type, item count and array shapes: a retrained model, an alias
 * moved to a sibling) runs the same compiled code, so ten rankings touch its arrays and it takes
 * traffic: an alias move to a version not yet loaded then costs the artifact's load, not a second
 * warm-up (0.9 s of the 1.06 s measured before; docs/serving.md).
 */
final class Warmup {
    private Warmup() {
    }

    /** The full warm-up (an index, or a model of a new shape). */
    static void warm(ServingModel serving, int maxMicroBatch) {
        warm(serving, maxMicroBatch, true);
    }

    static void warm(ServingModel serving, int maxMicroBatch, boolean firstOfItsShape) {
        SplittableRandom rnd = new SplittableRandom(1);
        RankItemsService service = new RankItemsService(() -> serving);
        int largest = Math.max(1, maxMicroBatch);
        int rounds = firstOfItsShape ? 2 * largest : 4;
        int atLeast = firstOfItsShape ? 400 : 0;
        int ranked = 0;
        for (int round = 0; round < rounds || ranked < atLeast; round++) {
            int size = firstOfItsShape ? 1 + round % largest : 1 + round;
            ranked += size;
            List<RankQuery> batch = new ArrayList<>();
            for (int q = 0; q < size; q++) {
                List<ItemId> history = new ArrayList<>();
                for (int h = 0, n = 1 + rnd.nextInt(60); h < n; h++) {
                    history.add(serving.idOf(1 + rnd.nextInt(serving.numItems())));
                }
                List<ItemId> candidates = q % 5 == 4 ? List.of(serving.idOf(1 + rnd.nextInt(serving.numItems())),
                        serving.idOf(1 + rnd.nextInt(serving.numItems()))) : List.of();
                batch.add(new RankQuery(history, 10, true, candidates, List.of()));
            }
            service.rankBatch(batch);
        }
    }

    /** What decides which compiled code a model runs: its scorer class, type, item count and array shapes. */
    static String shape(ModelWeights weights, RankingModel model) {
        StringBuilder b = new StringBuilder(model.getClass().getName()).append(' ').append(weights.modelType())
                .append(' ').append(model.numItems());
        new TreeMap<>(weights.arrays()).forEach((name, a) -> b.append(' ').append(name)
                .append(Arrays.toString(a.shape())));
        return b.toString();
    }
}
