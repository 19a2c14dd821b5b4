package io.h2rec.domain.service;

import io.h2rec.domain.model.Experiment;
import io.h2rec.domain.model.ExperimentSpec;
import io.h2rec.domain.port.in.RegisterExperimentCommand;
import io.h2rec.domain.port.in.RegisterExperimentUseCase;
import io.h2rec.domain.port.out.ExperimentStore;

import java.util.Objects;
import java.util.Optional;

/**
 * Experiment identity for sweeps and commands. Their experiments are named by what they train (dataset, model, codebook, parameters);
 * the seeds of one invocation are only which runs to make. An experiment registered earlier under
 * the same name with other seeds is the same experiment: its runs (one per seed) are found and
 * reused, and new seeds become new runs of it. Anything else different is a clash, refused.
 */
public final class ExperimentIdentity {
    private ExperimentIdentity() {
    }

    public static Experiment ensure(ExperimentStore store, RegisterExperimentUseCase experiments, ExperimentSpec spec) {
        return find(store, spec).orElseGet(() -> experiments.register(new RegisterExperimentCommand(spec)));
    }

    /** The experiment registered earlier for {@code spec} (seeds aside), registering nothing. */
    public static Optional<Experiment> find(ExperimentStore store, ExperimentSpec spec) {
        return store.findExperimentByName(spec.name()).filter(e -> sameButSeeds(e.spec(), spec));
    }

    static boolean sameButSeeds(ExperimentSpec a, ExperimentSpec b) {
        return a.datasetId() == b.datasetId() && Objects.equals(a.codebookId(), b.codebookId())
                && a.model().equals(b.model()) && a.params().equals(b.params());
    }
}
