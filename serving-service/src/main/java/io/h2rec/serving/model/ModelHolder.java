package io.h2rec.serving.model;

import io.h2rec.domain.model.ItemId;
import io.h2rec.domain.model.ModelAlias;
import io.h2rec.domain.model.ModelVersion;
import io.h2rec.domain.model.ModelWeights;
import io.h2rec.domain.model.RetrievalState;
import io.h2rec.domain.model.RoutedVersion;
import io.h2rec.domain.model.SemanticId;
import io.h2rec.domain.port.out.CandidateIndexer;
import io.h2rec.domain.port.out.CodebookStore;
import io.h2rec.domain.port.out.DeploymentStore;
import io.h2rec.domain.port.out.InferenceEngine;
import io.h2rec.domain.port.out.ModelArtifactStore;
import io.h2rec.domain.port.out.ModelVersionStore;
import io.h2rec.domain.port.out.RankingModel;
import io.h2rec.domain.port.out.RegistryChanges;
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
import java.util.HashSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What is being served: the {@link Routing} of the configured deployment (its aliases' versions,
 * split by weight) or, without one, the active (or configured) version alone. Versions are loaded
 * and warmed, and only then is the new routing swapped in atomically: requests in flight finish on
 * the model they started with. A version stays loaded while any alias points at it (one model per
 * distinct version, at most max-loaded-versions at once, swaps included). New cold-start items of a
 * model's codebook are picked up the same way. All of it is pushed: the registry notifies on commit
 * ({@link RegistryChanges}, PostgreSQL LISTEN/NOTIFY) and a refresh runs at once; a poll every
 * poll-interval is the fallback. The request path never touches the database. A version whose
 * catalogue is large enough gets a candidate index ({@link IndexBuilds}): built after it is in the
 * routing, ranked exactly until then, swapped in the same way when the build ends.
 */
@ApplicationScoped
public class ModelHolder {
    private static final Logger LOG = Logger.getLogger(ModelHolder.class);

    @Inject
    ModelVersionStore versions;
    @Inject
    DeploymentStore deployments;
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
    @Inject
    CandidateIndexer indexer;

    private final AtomicReference<Routing> routing = new AtomicReference<>();
    /** Per loaded version: the last cold-start item taken in (read and written under refresh's lock). */
    private final Map<Long, Long> coldStartSequence = new HashMap<>();
    /** Model shapes this JVM has fully warmed (class, type, items, array shapes): their kernels are compiled. */
    private final Set<String> warmedShapes = new HashSet<>();
    private volatile String lastProblem = "";
    /** The registry's routing could not be applied (too many versions, a load failed): the previous one serves. */
    private volatile boolean behind;
    private ScheduledExecutorService poller;
    private IndexBuilds builds;
    private AutoCloseable listening;

    void onStart(@Observes StartupEvent event) {
        if (config.maxLoadedVersions() < 2) {
            throw new IllegalStateException("h2rec.serving.max-loaded-versions must be at least 2 (a swap holds the "
                    + "old and the new version), got " + config.maxLoadedVersions());
        }
        builds = new IndexBuilds(indexer, config.maxMicroBatch(), this::indexed);
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
        metrics.gauge("h2rec.serving.model.version", "Id of the model version being served (the largest route's; "
                + "NaN before the first)", () -> current() == null ? Double.NaN : current().version().id());
        metrics.gauge("h2rec.serving.model.items", "Items the served model ranks (trained + cold-start)",
                () -> current() == null ? 0 : current().numItems());
        metrics.gauge("h2rec.serving.loaded.versions", "Model versions held in memory",
                () -> routing.get() == null ? 0 : routing.get().models().size());
        metrics.gauge("h2rec.serving.routing.behind", "1 when the registry's routing could not be applied "
                + "(the log says why) and the previous one still serves", () -> behind ? 1 : 0);
    }

    /** The served model (the largest route's with a deployment), or null before the first version is loaded. */
    public ServingModel current() {
        Routing r = routing.get();
        return r == null ? null : r.primary().model();
    }

    /** What requests are routed by, or null before the first version is loaded. */
    public Routing routing() {
        return routing.get();
    }

    /** @param late how long after the change committed its notification arrived, -1 for a poll */
    private void refreshQuietly(long late) {
        try {
            Routing before = routing.get();
            long t0 = System.nanoTime();
            refresh();
            if (late >= 0 && routing.get() != before) {
                LOG.infof("pushed change applied %d ms after it committed (notification after %d ms)",
                        late + (System.nanoTime() - t0) / 1_000_000, late);
            }
        } catch (RuntimeException | Error e) {
            // An Error too (OutOfMemoryError loading an artifact too large for the heap): escaping this task
            // would end the fallback poll for good, silently; serving keeps the previous routing and says so.
            behind = true;
            String problem = e.getClass().getSimpleName() + ": " + e.getMessage();
            if (!problem.equals(lastProblem)) {
                LOG.errorf(e, "model refresh failed; still serving %s", describe(routing.get()));
                lastProblem = problem;
            }
        }
    }

    /** One poll: load new versions or new cold-start items if there are any, and swap in the new routing. */
    public synchronized void refresh() {
        Wanted wanted = wanted();
        if (wanted == null) {
            return;
        }
        Routing now = routing.get();
        Map<Long, ServingModel> loaded = now == null ? Map.of() : now.models();
        Map<Long, ModelVersion> needed = new LinkedHashMap<>();
        wanted.routes().forEach(r -> needed.put(r.version().id(), r.version()));
        List<ModelVersion> toLoad = needed.values().stream()
                .filter(v -> !loaded.containsKey(v.id()) || overlayShrank(loaded.get(v.id()))).toList();
        if (loaded.size() + toLoad.size() > config.maxLoadedVersions()) {
            behind = true;
            problem("the routing " + wanted + " needs " + toLoad.size() + " more model version(s) beside the "
                    + loaded.size() + " loaded, past h2rec.serving.max-loaded-versions=" + config.maxLoadedVersions()
                    + "; still serving " + describe(now) + " (change fewer aliases at once)", true);
            return;
        }
        long t0 = System.nanoTime();
        Map<Long, ServingModel> models = new HashMap<>();
        for (ModelVersion v : needed.values()) {
            models.put(v.id(), toLoad.contains(v) ? load(v) : withNewItems(loaded.get(v.id())));
        }
        coldStartSequence.keySet().retainAll(models.keySet());
        List<Routing.Variant> variants = new ArrayList<>();
        for (RoutedVersion r : wanted.routes()) {
            variants.add(new Routing.Variant(r.alias(), r.weight(), models.get(r.version().id()),
                    metrics.variant(r.alias(), r.version().id())));
        }
        Routing next = new Routing(wanted.deployment(), variants);
        behind = false;
        lastProblem = "";
        if (next.sameAs(now)) {
            return;
        }
        routing.set(next);
        indexStates(next);
        next.models().values().forEach(builds::start);
        if (now == null || now.primary().model().version().id() != next.primary().model().version().id()) {
            swapped.fire(new ModelSwapped(next.primary().model()));
        }
        if (toLoad.isEmpty()) {
            LOG.infof("serving %s", describe(next));
        } else {
            LOG.infof("serving %s (%d version(s) loaded and warmed in %.1f s; scoring: %s)", describe(next),
                    toLoad.size(), (System.nanoTime() - t0) / 1e9, engine.describe());
        }
    }

    /** The deployment's routes, or the active (or pinned) version alone; null (and a log line) when there is nothing. */
    private Wanted wanted() {
        if (config.modelVersion().isPresent()) {
            long id = config.modelVersion().get();
            return versions.find(id).map(v -> Wanted.alone(ModelAlias.PINNED, v))
                    .orElseGet(() -> problem("model version " + id + " does not exist: not ready", false));
        }
        Optional<List<RoutedVersion>> routed = deployments.resolve(config.deployment());
        if (routed.isPresent()) {
            return new Wanted(config.deployment(), routed.get());
        }
        return versions.active().map(v -> Wanted.alone(ModelAlias.ACTIVE, v))
                .orElseGet(() -> problem("no model version is active and no deployment '" + config.deployment()
                        + "' exists: not ready", false));
    }

    private record Wanted(String deployment, List<RoutedVersion> routes) {
        static Wanted alone(String alias, ModelVersion v) {
            return new Wanted(null, List.of(new RoutedVersion(alias, 1, v)));
        }

        @Override
        public String toString() {
            return (deployment == null ? "" : "of deployment '" + deployment + "' ") + String.join(", ",
                    routes.stream().map(r -> r.alias() + " -> version " + r.version().id()).toList());
        }
    }

    /** Logs a problem once (until it changes or goes away). */
    private Wanted problem(String problem, boolean error) {
        if (!problem.equals(lastProblem)) {
            if (error) {
                LOG.error(problem);
            } else {
                LOG.warn(problem);
            }
            lastProblem = problem;
        }
        return null;
    }

    private ServingModel load(ModelVersion version) {
        ModelWeights weights = artifacts.load(version.artifactUri());
        RankingModel model = engine.load(weights);
        float[] popularity = weights.has("popularity") ? weights.array("popularity").values()
                : new float[model.numItems() + 1];
        ServingModel serving = new ServingModel(version, model, weights.itemIds(), popularity);
        coldStartSequence.put(version.id(), 0L);
        serving = withNewItems(serving);
        Warmup.warm(serving, config.maxMicroBatch(), warmedShapes.add(Warmup.shape(weights, model)));
        return serving.withRetrieval(builds.plan(serving));
    }

    /** An operator removed a cold-start item: the model is rebuilt from its artifact and the overlay as it is now. */
    private boolean overlayShrank(ServingModel now) {
        Long codebook = now.version().provenance() == null ? null : now.version().provenance().codebookId();
        return codebook != null && now.model().supportsColdStart()
                && codebooks.coldStartCount(codebook) < now.coldStartItems();
    }

    private ServingModel withNewItems(ServingModel serving) {
        Long codebook = serving.version().provenance() == null ? null : serving.version().provenance().codebookId();
        if (codebook == null || !serving.model().supportsColdStart()) {
            return serving;
        }
        long id = serving.version().id();
        List<CodebookStore.ColdStartItem> fresh = codebooks.coldStartItems(codebook, coldStartSequence.getOrDefault(id, 0L));
        if (fresh.isEmpty()) {
            return serving;
        }
        List<ItemId> ids = new ArrayList<>();
        List<SemanticId> codes = new ArrayList<>();
        for (CodebookStore.ColdStartItem item : fresh) {
            ids.add(item.item());
            codes.add(item.code());
            coldStartSequence.merge(id, item.sequence(), Math::max);
        }
        return serving.withColdStartItems(ids, codes);
    }

    /**
     * A build ended: the models of the routing that still carry the state it started from take its
     * outcome (the index, or exact with the reason), in a new routing swapped in as a whole.
     */
    private synchronized void indexed(RetrievalState building, RetrievalState outcome) {
        Routing now = routing.get();
        if (now == null || now.variants().stream().noneMatch(v -> v.model().retrieval() == building)) {
            return;   // unloaded or reloaded meanwhile
        }
        List<Routing.Variant> variants = new ArrayList<>();
        for (Routing.Variant v : now.variants()) {
            ServingModel m = v.model().retrieval() == building ? v.model().withRetrieval(outcome) : v.model();
            variants.add(new Routing.Variant(v.alias(), v.weight(), m, v.meters()));
        }
        Routing next = new Routing(now.deployment(), variants);
        routing.set(next);
        indexStates(next);
    }

    /** The retrieval state of every loaded version, for /q/metrics; builds of versions no longer loaded stop. */
    private void indexStates(Routing r) {
        Map<Long, RetrievalState> states = new HashMap<>();
        r.models().forEach((id, m) -> states.put(id, m.retrieval()));
        metrics.retrieval(states);
        builds.retain(List.copyOf(states.values()));
    }

    private static String describe(Routing r) {
        if (r == null) {
            return "nothing";
        }
        List<String> models = new ArrayList<>();
        r.models().values().forEach(m -> models.add("version " + m.version().id() + ": " + m.version().modelType() + ", "
                + m.trainedItems() + " items + " + m.coldStartItems() + " cold-start"));
        return r.describe() + " (" + String.join("; ", models) + ")";
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
        if (builds != null) {
            builds.stop();
        }
    }
}
