package io.h2rec.domain.service;

import io.h2rec.domain.model.Experiment;
import io.h2rec.domain.model.ExperimentSpec;
import io.h2rec.domain.port.in.RegisterExperimentCommand;
import io.h2rec.domain.port.in.RegisterExperimentUseCase;
import io.h2rec.domain.port.out.CodebookStore;
import io.h2rec.domain.port.out.ExperimentStore;
import io.h2rec.domain.port.out.ItemCatalog;

import java.util.Optional;

/** Validates an experiment against the catalogue and the trainers, then stores it. */
public final class RegisterExperimentService implements RegisterExperimentUseCase {
    private final ExperimentStore store;
    private final ItemCatalog catalog;
    private final Trainers trainers;
    private final CodebookStore codebooks;

    public RegisterExperimentService(ExperimentStore store, ItemCatalog catalog, Trainers trainers,
                                     CodebookStore codebooks) {
        this.store = store;
        this.catalog = catalog;
        this.trainers = trainers;
        this.codebooks = codebooks;
    }

    @Override
    public Experiment register(RegisterExperimentCommand command) {
        ExperimentSpec spec = command.spec();
        if (catalog.find(spec.datasetId()).isEmpty()) {
            throw new IllegalArgumentException("unknown dataset " + spec.datasetId());
        }
        var trainer = trainers.forModel(spec.model());
        trainer.resolveConfig(spec.model(), spec.params());
        if (trainer.usesSemanticIds(spec.model()) && spec.codebookId() == null) {
            throw new IllegalArgumentException("model " + spec.model() + " needs a codebook version (codebookId)");
        }
        if (spec.codebookId() != null && codebooks.find(spec.codebookId()).isEmpty()) {
            throw new IllegalArgumentException("unknown codebook " + spec.codebookId());
        }
        Optional<Experiment> existing = store.findExperimentByName(spec.name());
        if (existing.isPresent()) {
            if (existing.get().spec().equals(spec)) {
                return existing.get();
            }
            throw new IllegalArgumentException("experiment '" + spec.name() + "' exists with a different spec");
        }
        return store.saveExperiment(spec);
    }
}
