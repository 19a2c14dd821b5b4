package io.h2rec.adapter.out.persistence;

import io.h2rec.domain.model.EvaluationProtocol;
import io.h2rec.domain.model.ExperimentSpec;
import io.h2rec.domain.model.ModelVersion;
import io.h2rec.domain.model.PreparationParams;
import io.h2rec.domain.model.Provenance;
import io.h2rec.domain.model.RegisteredDataset;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Model-version rows (a toy dataset, an experiment, a run; no artifacts) for tests of what refers to versions. */
public final class VersionRows {
    private VersionRows() {
    }

    /**
     * {@code n} registered, inactive versions under a new dataset and run named {@code name}. (The stores are
     * the test's injected beans: one looked up here instead would be a bean nothing injects, which Quarkus removes.)
     */
    public static List<ModelVersion> register(HibernateItemCatalog catalog, HibernateExperimentStore experiments,
                                              HibernateModelVersionStore versions, String name, int n) {
        RegisteredDataset ds = catalog.register(PersistenceTest.toySplit(name, 4), "test", "memory");
        long exp = experiments.saveExperiment(new ExperimentSpec(name, ds.id(), null, "popular", Map.of(),
                List.of(1L))).id();
        long run = experiments.createRun(exp, 1, name.repeat(64).substring(0, 64)).id();
        Provenance p = new Provenance(name, ds.fingerprint(), PreparationParams.DEFAULT, EvaluationProtocol.DEFAULT,
                null, "popular", Map.of(), 1, "test", "CPU", "host");
        List<ModelVersion> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(versions.register(run, "popular", "file:///tmp/" + name + "-" + i, "c".repeat(64), p));
        }
        return out;
    }
}
