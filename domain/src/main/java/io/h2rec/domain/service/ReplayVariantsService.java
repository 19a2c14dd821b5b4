package io.h2rec.domain.service;

import io.h2rec.domain.error.InvalidInputException;
import io.h2rec.domain.error.NotFoundException;
import io.h2rec.domain.evaluation.Evaluator;
import io.h2rec.domain.model.DatasetSplit;
import io.h2rec.domain.model.EvalTarget;
import io.h2rec.domain.model.EvaluationProtocol;
import io.h2rec.domain.model.ModelAlias;
import io.h2rec.domain.model.ModelVersion;
import io.h2rec.domain.model.ModelWeights;
import io.h2rec.domain.model.Protocol;
import io.h2rec.domain.model.ReplayReport;
import io.h2rec.domain.model.RoutedVersion;
import io.h2rec.domain.port.in.PrepareDatasetCommand;
import io.h2rec.domain.port.in.PrepareDatasetUseCase;
import io.h2rec.domain.port.in.ReplayVariantsQuery;
import io.h2rec.domain.port.in.ReplayVariantsUseCase;
import io.h2rec.domain.port.out.DeploymentStore;
import io.h2rec.domain.port.out.ExperimentStore;
import io.h2rec.domain.port.out.InferenceEngine;
import io.h2rec.domain.port.out.ModelArtifactStore;
import io.h2rec.domain.port.out.ModelVersionStore;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The offline replay of a traffic split: resolves its aliases to versions, loads the data they were
 * trained on (from its registered location, or a given one with the same fingerprint), and scores each
 * version's artifact through the serving engine with training's {@link Evaluator} on the test split.
 */
public final class ReplayVariantsService implements ReplayVariantsUseCase {
    private final DeploymentStore deployments;
    private final ModelVersionStore versions;
    private final ExperimentStore experiments;
    private final PrepareDatasetUseCase datasets;
    private final ModelArtifactStore artifacts;
    private final InferenceEngine engine;
    private final EvaluationProtocol protocol;

    public ReplayVariantsService(DeploymentStore deployments, ModelVersionStore versions, ExperimentStore experiments,
                                 PrepareDatasetUseCase datasets, ModelArtifactStore artifacts, InferenceEngine engine,
                                 EvaluationProtocol protocol) {
        this.deployments = deployments;
        this.versions = versions;
        this.experiments = experiments;
        this.datasets = datasets;
        this.artifacts = artifacts;
        this.engine = engine;
        this.protocol = protocol;
    }

    @Override
    public ReplayReport replay(ReplayVariantsQuery query, Consumer<String> progress) {
        List<RoutedVersion> variants = query.aliases().isEmpty() ? routes(query.deployment()) : aliases(query.aliases());
        Set<String> fingerprints = new LinkedHashSet<>();
        variants.forEach(v -> fingerprints.add(fingerprint(v.version())));
        if (fingerprints.size() > 1) {
            throw new InvalidInputException("alias", "the variants were trained on different data ("
                    + String.join(", ", variants.stream().map(v -> v.alias() + ": " + v.version().provenance().datasetName()
                    + " " + abbrev(fingerprint(v.version()))).toList()) + "); a replay compares them on one");
        }
        progress.accept("loading the data of " + describe(variants.get(0)) + " ...");
        DatasetSplit split = split(variants.get(0).version(), query);
        Evaluator evaluator = new Evaluator(split, protocol);
        List<ReplayReport.Variant> out = new ArrayList<>();
        for (RoutedVersion v : variants) {
            progress.accept("scoring " + describe(v) + " on " + split.cases(EvalTarget.TEST) + " test cases ...");
            ModelWeights weights = artifacts.load(v.version().artifactUri());
            checkItems(v, weights, split);
            out.add(new ReplayReport.Variant(v.alias(), v.weight(), v.version(), evaluator.evaluate(engine.load(weights),
                    EvalTarget.TEST, EnumSet.allOf(Protocol.class))));
        }
        return new ReplayReport(query.aliases().isEmpty() ? query.deployment() : null, split.name(),
                split.fingerprint(), split.cases(EvalTarget.TEST), out);
    }

    private List<RoutedVersion> routes(String deployment) {
        return deployments.resolve(deployment).orElseThrow(() -> new NotFoundException("deployment", deployment,
                "no deployment '" + deployment + "'; name aliases to compare instead"));
    }

    private List<RoutedVersion> aliases(List<String> names) {
        List<RoutedVersion> out = new ArrayList<>();
        for (String name : new LinkedHashSet<>(names)) {
            ModelVersion v = name.equals(ModelAlias.ACTIVE)
                    ? versions.active().orElseThrow(() -> new NotFoundException("model version", null,
                            "no model version is active"))
                    : versions.find(deployments.alias(name).orElseThrow(() -> new NotFoundException("alias", name))
                            .modelVersionId()).orElseThrow();
            out.add(new RoutedVersion(name, 0, v));
        }
        return out;
    }

    /** The test split the version was trained on: its run's registered dataset, or the query's location. */
    private DatasetSplit split(ModelVersion version, ReplayVariantsQuery query) {
        if (query.dataset() != null) {
            DatasetSplit split = datasets.prepare(new PrepareDatasetCommand(query.dataset(),
                    version.provenance() == null ? null : version.provenance().preparation())).split();
            if (!split.fingerprint().equals(fingerprint(version))) {
                throw new InvalidInputException("dataset", query.dataset() + " is not the data model version "
                        + version.id() + " was trained on (" + version.provenance().datasetName() + ", fingerprint "
                        + abbrev(fingerprint(version)) + "; this is " + abbrev(split.fingerprint()) + ")");
            }
            return split;
        }
        long experiment = experiments.findRun(version.runId()).orElseThrow(() -> new NotFoundException("run",
                version.runId())).experimentId();
        long dataset = experiments.findExperiment(experiment).orElseThrow(() -> new NotFoundException("experiment",
                experiment)).spec().datasetId();
        return datasets.load(dataset).split();
    }

    /** The artifact ranks the split's items under the same indices (it was trained on this split). */
    private static void checkItems(RoutedVersion v, ModelWeights weights, DatasetSplit split) {
        if (!weights.ranksItemsOf(split)) {
            throw new IllegalStateException(describe(v) + ": the artifact's " + weights.numItems() + " items are not the "
                    + split.numItems() + " items of " + split.name() + " in training order");
        }
    }

    private static String fingerprint(ModelVersion v) {
        return Objects.requireNonNullElse(v.provenance() == null ? null : v.provenance().datasetFingerprint(), "?");
    }

    private static String abbrev(String fingerprint) {
        return fingerprint.length() > 12 ? fingerprint.substring(0, 12) : fingerprint;
    }

    private static String describe(RoutedVersion v) {
        return v.alias() + " (model version " + v.version().id() + ", " + v.version().modelType() + ")";
    }
}
