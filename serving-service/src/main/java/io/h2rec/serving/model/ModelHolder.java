package io.h2rec.serving.model;

import io.h2rec.domain.model.ItemId;
import io.h2rec.domain.model.ModelVersion;
import io.h2rec.domain.model.ModelWeights;
import io.h2rec.domain.model.RankQuery;
import io.h2rec.domain.model.SemanticId;
import io.h2rec.domain.port.out.CodebookStore;
import io.h2rec.domain.port.out.InferenceEngine;
import io.h2rec.domain.port.out.ModelArtifactStore;
import io.h2rec.domain.port.out.ModelVersionStore;
import io.h2rec.domain.port.out.RankingModel;
import io.h2rec.domain.port.out.RegistryChanges;
import io.h2rec.domain.service.RankItemsService;
import io.h2rec.domain.model.ServingModel;
import io.h2rec.serving.config.ServingConfig;
import io.h2rec.serving.metrics.ServingMetrics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The model version being served. The active (or configured) version is loaded, warmed, and only
 * then swapped in atomically: requests in flight finish on the version they started with. New
 * cold-start items of the model's codebook are picked up the same way. Both are pushed: the
 * registry notifies on commit ({@link RegistryChanges}, PostgreSQL LISTEN/NOTIFY) and a refresh
 * runs at once; a poll every poll-interval is the fallback. The request path never touches the
 * database.
 */
@ApplicationScoped
public class ModelHolder {
    private static final Logger LOG = Logger.getLogger(ModelHolder.class);

    @Inject
    ModelVersionStore versions;
    @Inject
    ModelArtifactStore artifacts;
    @Inject
    InferenceEngine engine;
    @Inject
    CodebookStore codebooks;
    @Inject
    ServingConfig config;
    @Inject
    Event<ModelSwapped> swapped;
    @Inject
    RegistryChanges changes;
    @Inject
    ServingMetrics metrics;

    private final AtomicReference<ServingModel> current = new AtomicReference<>();
    private volatile long coldStartSequence;
    private volatile String lastProblem = "";
    private ScheduledExecutorService poller;
    private AutoCloseable listening;

    void onStart(@Observes StartupEvent event) {
        poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "model-poller");
            t.setDaemon(true);
            return t;
        });
        long every = Math.max(100, config.pollInterval().toMillis());
        poller.scheduleWithFixedDelay(() -> refreshQuietly(-1), 0, every, TimeUnit.MILLISECONDS);
        if (config.push()) {
            listening = changes.listen(late -> poller.execute(() -> refreshQuietly(late)));
        }
        metrics.gauge("h2rec.serving.model.version", "Id of the model version being served (NaN before the first)",
                () -> current.get() == null ? Double.NaN : current.get().version().id());
        metrics.gauge("h2rec.serving.model.items", "Items the served model ranks (trained + cold-start)",
                () -> current.get() == null ? 0 : current.get().numItems());
    }

    /** The served model, or null before the first version is loaded. */
    public ServingModel current() {
        return current.get();
    }

    /** @param late how long after the change committed its notification arrived, -1 for a poll */
    private void refreshQuietly(long late) {
        try {
            ServingModel before = current.get();
            long t0 = System.nanoTime();
            refresh();
            if (late >= 0 && current.get() != before) {
                LOG.infof("pushed change applied %d ms after it committed (notification after %d ms)",
                        late + (System.nanoTime() - t0) / 1_000_000, late);
            }
        } catch (RuntimeException e) {
            String problem = e.getClass().getSimpleName() + ": " + e.getMessage();
            if (!problem.equals(lastProblem)) {
                LOG.errorf(e, "model refresh failed; still serving %s", describe(current.get()));
                lastProblem = problem;
            }
        }
    }

    /** One poll: load a new version or new cold-start items if there are any. */
    public synchronized void refresh() {
        Optional<ModelVersion> wanted = config.modelVersion().isPresent()
                ? versions.find(config.modelVersion().get()) : versions.active();
        if (wanted.isEmpty()) {
            String problem = config.modelVersion().isPresent() ? "model version " + config.modelVersion().get()
                    + " does not exist" : "no model version is active";
            if (!problem.equals(lastProblem)) {
                LOG.warn(problem + ": not ready");
                lastProblem = problem;
            }
            return;
        }
        ServingModel now = current.get();
        if (now == null || now.version().id() != wanted.get().id() || overlayShrank(now)) {
            long t0 = System.nanoTime();
            ServingModel next = load(wanted.get());
            current.set(next);
            swapped.fire(new ModelSwapped(next));
            lastProblem = "";
            LOG.infof("serving %s (loaded and warmed in %.1f s; scoring: %s)", describe(next),
                    (System.nanoTime() - t0) / 1e9, engine.describe());
        } else {
            addColdStartItems(now);
        }
    }

    private ServingModel load(ModelVersion version) {
        ModelWeights weights = artifacts.load(version.artifactUri());
        RankingModel model = engine.load(weights);
        float[] popularity = weights.has("popularity") ? weights.array("popularity").values()
                : new float[model.numItems() + 1];
        ServingModel serving = new ServingModel(version, model, weights.itemIds(), popularity);
        coldStartSequence = 0;
        serving = withNewItems(serving);
        warm(serving);
        return serving;
    }

    /** An operator removed a cold-start item: the model is rebuilt from its artifact and the overlay as it is now. */
    private boolean overlayShrank(ServingModel now) {
        Long codebook = now.version().provenance() == null ? null : now.version().provenance().codebookId();
        return codebook != null && now.model().supportsColdStart()
                && codebooks.coldStartCount(codebook) < now.coldStartItems();
    }

    private void addColdStartItems(ServingModel now) {
        ServingModel next = withNewItems(now);
        if (next != now) {
            current.set(next);
            LOG.infof("serving %s", describe(next));
        }
    }

    private ServingModel withNewItems(ServingModel serving) {
        Long codebook = serving.version().provenance() == null ? null : serving.version().provenance().codebookId();
        if (codebook == null || !serving.model().supportsColdStart()) {
            return serving;
        }
        List<CodebookStore.ColdStartItem> fresh = codebooks.coldStartItems(codebook, coldStartSequence);
        if (fresh.isEmpty()) {
            return serving;
        }
        List<ItemId> ids = new ArrayList<>();
        List<SemanticId> codes = new ArrayList<>();
        for (CodebookStore.ColdStartItem item : fresh) {
            ids.add(item.item());
            codes.add(item.code());
            coldStartSequence = Math.max(coldStartSequence, item.sequence());
        }
        return serving.withColdStartItems(ids, codes);
    }

    /**
     * At least 400 rankings before the version takes traffic, so the JIT has compiled its hot loops
     * with every path taken: micro-batch sizes 1..max-micro-batch (the scan's remainder blocks),
     * histories from one item to past the model's window, with and without candidates. A path first
     * met under load would deoptimize a compiled kernel and run it interpreted (the Vector API is
     * ~100x slower there) until it is compiled again: a latency spike per new path.
     */
    private void warm(ServingModel serving) {
        SplittableRandom rnd = new SplittableRandom(1);
        RankItemsService service = new RankItemsService(() -> serving);
        int largest = Math.max(1, config.maxMicroBatch());
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

    private static String describe(ServingModel m) {
        return m == null ? "nothing" : "model version " + m.version().id() + " (" + m.version().modelType() + ", "
                + m.trainedItems() + " items + " + m.coldStartItems() + " cold-start)";
    }

    /** Polling stops as shutdown begins, before the database connections it uses are closed. */
    void onShutdown(@Observes ShutdownEvent event) {
        stop();
    }

    @PreDestroy
    void stop() {
        if (listening != null) {
            try {
                listening.close();
            } catch (Exception e) {
                LOG.debug("closing the registry listener", e);
            }
        }
        if (poller != null) {
            poller.shutdownNow();
        }
    }
}
