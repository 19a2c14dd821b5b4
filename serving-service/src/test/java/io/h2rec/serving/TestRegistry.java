package io.h2rec.serving;

import io.h2rec.adapter.out.artifacts.FileModelArtifactStore;
import io.h2rec.adapter.out.persistence.HibernateCodebookStore;
import io.h2rec.adapter.out.persistence.HibernateDeploymentStore;
import io.h2rec.adapter.out.persistence.HibernateExperimentStore;
import io.h2rec.adapter.out.persistence.HibernateItemCatalog;
import io.h2rec.adapter.out.persistence.HibernateModelVersionStore;
import io.h2rec.domain.model.Codebook;
import io.h2rec.domain.model.CodebookModel;
import io.h2rec.domain.model.CodebookStats;
import io.h2rec.domain.model.DatasetSplit;
import io.h2rec.domain.model.EvaluationProtocol;
import io.h2rec.domain.model.ExperimentSpec;
import io.h2rec.domain.model.FilterStats;
import io.h2rec.domain.model.Item;
import io.h2rec.domain.model.ModelVersion;
import io.h2rec.domain.model.ModelWeights;
import io.h2rec.domain.model.PreparationParams;
import io.h2rec.domain.model.Provenance;
import io.h2rec.domain.model.QuantizerConfig;
import io.h2rec.domain.model.RegisteredDataset;
import io.h2rec.domain.model.UserSequence;
import io.h2rec.testing.ModelFixtures;
import io.h2rec.testing.TempDirs;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * Registers fixture models in the test application's real PostgreSQL as training does: a dataset
 * of items "i1".."iN", a codebook of 2 levels x 4 codes, a run, and artifacts on disk.
 */
@Singleton   // no client proxy: tests read its store fields directly
public class TestRegistry {
    @Inject
    public HibernateModelVersionStore versions;
    @Inject
    HibernateItemCatalog catalog;
    @Inject
    HibernateExperimentStore experiments;
    @Inject
    public HibernateCodebookStore codebooks;
    @Inject
    public HibernateDeploymentStore deployments;

    /** A dataset and codebook over {@code items} items, and a run to register versions under. */
    public record Fixture(long codebook, long run) {
    }

    public Fixture fixture(String name, int items) {
        List<Item> all = ModelFixtures.items(items).stream().map(id -> new Item(id, Map.of("title", id.value()))).toList();
        DatasetSplit split = new DatasetSplit(name, PreparationParams.DEFAULT, new FilterStats(1, items, 3, 1, items, 3, 1),
                all, List.of(new UserSequence("u", new int[] {1, 2, 3})), "s".repeat(64));
        RegisteredDataset ds = catalog.register(split, "test", "memory");
        Codebook cb = codebooks.commit(new Codebook(0, ds.id(), ds.fingerprint(), new QuantizerConfig("rqkmeans", 2, 4, 1,
                        Map.of()), "enc", "{title}", 6, items, new CodebookStats(new double[] {1, 1}, 0, items, 0, 0, 0, 0, "CPU"),
                null), CodebookModel.learned(2, 4), Map.of());
        long run = experiments.createRun(experiments.saveExperiment(new ExperimentSpec(name, ds.id(), null, "h2rec",
                Map.of(), List.of(1L))).id(), 1, "x".repeat(64)).id();
        return new Fixture(cb.id(), run);
    }

    /** A registered (not yet active) version of these weights; {@code codebook} null for models without SIDs. */
    public ModelVersion register(Fixture f, ModelWeights w, Long codebook) {
        Provenance p = new Provenance("serving-fixture", "s".repeat(64), PreparationParams.DEFAULT,
                EvaluationProtocol.DEFAULT, codebook, w.modelType(), w.config(), 1, "test", "CPU", "host");
        try {
            var saved = new FileModelArtifactStore(TempDirs.create("artifacts"))
                    .save(w.modelType() + "-" + f.run() + "-" + System.nanoTime(), w, p);
            return versions.register(f.run(), w.modelType(), saved.uri(), saved.checksum(), p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
