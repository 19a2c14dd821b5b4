package io.h2rec.domain.service;

import io.h2rec.domain.error.NotFoundException;
import io.h2rec.domain.model.AuditEntry;
import io.h2rec.domain.model.Experiment;
import io.h2rec.domain.model.EpochPoint;
import io.h2rec.domain.model.MetricValue;
import io.h2rec.domain.model.ModelActivation;
import io.h2rec.domain.model.ModelVersion;
import io.h2rec.domain.model.RegisteredDataset;
import io.h2rec.domain.model.Run;
import io.h2rec.domain.port.in.CompareRunsQuery;
import io.h2rec.domain.port.in.QueryAuditTrailUseCase;
import io.h2rec.domain.port.in.QueryDatasetsUseCase;
import io.h2rec.domain.port.in.QueryExperimentsUseCase;
import io.h2rec.domain.port.in.QueryModelVersionsUseCase;
import io.h2rec.domain.port.in.QueryRunsUseCase;
import io.h2rec.domain.port.in.RunComparison;
import io.h2rec.domain.port.out.ActivationHistory;
import io.h2rec.domain.port.out.AuditLog;
import io.h2rec.domain.port.out.ExperimentStore;
import io.h2rec.domain.port.out.ItemCatalog;
import io.h2rec.domain.port.out.ModelVersionStore;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The training registry's reads: datasets, experiments, runs, model versions, the audit trail. */
public final class RegistryQueryService implements QueryDatasetsUseCase, QueryExperimentsUseCase, QueryRunsUseCase,
        QueryModelVersionsUseCase, QueryAuditTrailUseCase {
    private final ItemCatalog catalog;
    private final ExperimentStore store;
    private final ModelVersionStore versions;
    private final ActivationHistory history;
    private final AuditLog audit;

    public RegistryQueryService(ItemCatalog catalog, ExperimentStore store, ModelVersionStore versions,
                                ActivationHistory history, AuditLog audit) {
        this.catalog = catalog;
        this.store = store;
        this.versions = versions;
        this.history = history;
        this.audit = audit;
    }

    @Override
    public List<RegisteredDataset> datasets() {
        return catalog.list();
    }

    @Override
    public RegisteredDataset dataset(long id) {
        return catalog.find(id).orElseThrow(() -> new NotFoundException("dataset", id));
    }

    @Override
    public List<Experiment> experiments() {
        return store.listExperiments();
    }

    @Override
    public Experiment experiment(long id) {
        return store.findExperiment(id).orElseThrow(() -> new NotFoundException("experiment", id));
    }

    @Override
    public List<Run> runs(long experimentId) {
        experiment(experimentId);
        return store.listRuns(experimentId);
    }

    @Override
    public Run run(long id) {
        return store.findRun(id).orElseThrow(() -> new NotFoundException("run", id));
    }

    @Override
    public List<MetricValue> metrics(long runId) {
        run(runId);
        return store.metrics(runId);
    }

    @Override
    public List<EpochPoint> epochs(long runId) {
        run(runId);
        return store.epochs(runId);
    }

    @Override
    public RunComparison compare(CompareRunsQuery query) {
        List<Run> runs = query.runIds().stream().map(this::run).toList();
        Map<String, Double[]> table = new LinkedHashMap<>();
        for (int i = 0; i < runs.size(); i++) {
            for (MetricValue v : store.metrics(runs.get(i).id())) {
                if (v.split() == query.split()) {
                    String key = v.protocol().label() + "|" + v.group() + "|" + v.metric() + "|" + v.k();
                    table.computeIfAbsent(key, k -> new Double[runs.size()])[i] = v.value();
                }
            }
        }
        List<RunComparison.Row> rows = table.entrySet().stream().map(e -> {
            String[] p = e.getKey().split("\\|");
            return new RunComparison.Row(p[0], p[1], p[2], Integer.parseInt(p[3]), Arrays.asList(e.getValue()));
        }).toList();
        List<String> models = runs.stream().map(r -> store.findExperiment(r.experimentId())
                .map(e -> e.spec().model()).orElse("?")).toList();
        return new RunComparison(query.split(), runs, models, rows);
    }

    @Override
    public List<ModelVersion> versions() {
        return versions.list();
    }

    @Override
    public ModelVersion version(long id) {
        return versions.find(id).orElseThrow(() -> new NotFoundException("model version", id));
    }

    @Override
    public ModelVersion active() {
        return versions.active()
                .orElseThrow(() -> new NotFoundException("model version", null, "no model version is active"));
    }

    @Override
    public ModelVersion activeAt(Instant at) {
        ModelActivation activation = history.activeAt(at).orElseThrow(() -> new NotFoundException("model version",
                null, "no model version was active at " + at));
        return version(activation.modelVersionId());
    }

    @Override
    public List<ModelActivation> activations(int limit) {
        return history.activations(limit);
    }

    @Override
    public List<AuditEntry> recent(Instant since, int limit) {
        return audit.recent(since, limit);
    }
}
