package io.h2rec.serving.model;

import io.h2rec.domain.model.ItemId;
import io.h2rec.domain.model.RankQuery;
import io.h2rec.domain.model.ServingModel;
import io.h2rec.domain.service.RankItemsService;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * At least 400 rankings before a model takes traffic (a loaded version on the exact path, an index
 * on the retrieval path), so the JIT has compiled its hot loops with every path taken: micro-batch
 * sizes 1..max-micro-batch (the scan's remainder blocks), histories from one item to past the
 * model's window, with and without candidates. A path first met under load would deoptimize a
 * compiled kernel and run it interpreted (the Vector API is ~100x slower there) until it is
 * compiled again: a latency spike per new path.
 */
final class Warmup {
    private Warmup() {
    }

    static void warm(ServingModel serving, int maxMicroBatch) {
        SplittableRandom rnd = new SplittableRandom(1);
        RankItemsService service = new RankItemsService(() -> serving);
        int largest = Math.max(1, maxMicroBatch);
        int ranked = 0;
        for (int round = 0; round < 2 * largest || ranked < 400; round++) {
            int size = 1 + round % largest;
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
}
