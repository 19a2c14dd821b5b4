package io.h2rec.domain.service;

import io.h2rec.domain.model.Codebook;
import io.h2rec.domain.model.Created;
import io.h2rec.domain.model.Experiment;
import io.h2rec.domain.model.ExperimentSpec;
import io.h2rec.domain.model.InvalidInputException;
import io.h2rec.domain.model.RegisteredDataset;
import io.h2rec.domain.model.ResourceConflictException;
import io.h2rec.domain.port.in.RegisterExperimentCommand;
import io.h2rec.domain.port.in.RegisterExperimentUseCase;
import io.h2rec.domain.port.out.CodebookStore;
import io.h2rec.domain.port.out.ExperimentStore;
import io.h2rec.domain.port.out.ItemCatalog;
import io.h2rec.domain.port.out.Trainer;

/**
 * Validates an experiment against the catalogue, the codebooks and the trainers (its references
 * exist and belong together, its parameters are in range), then stores it once: the same spec
 * registered again, concurrently or not, is the same experiment.
 */
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
    public Created<Experiment> registerIfAbsent(RegisterExperimentCommand command) {
        ExperimentSpec spec = command.spec();
        RegisteredDataset dataset = catalog.find(spec.datasetId())
                .orElseThrow(() -> new InvalidInputException("datasetId", "unknown dataset " + spec.datasetId()));
        Trainer trainer;
        try {
            trainer = trainers.forModel(spec.model());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("model", e.getMessage());
        }
        try {
            trainer.resolveConfig(spec.model(), spec.params());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(paramField(spec, e.getMessage()), e.getMessage());
        }
        if (trainer.usesSemanticIds(spec.model()) && spec.codebookId() == null) {
            throw new InvalidInputException("codebookId", "model " + spec.model()
                    + " needs a codebook version (codebookId)");
        }
        if (spec.codebookId() != null) {
            Codebook codebook = codebooks.find(spec.codebookId()).orElseThrow(() ->
                    new InvalidInputException("codebookId", "unknown codebook " + spec.codebookId()));
            if (codebook.datasetId() != dataset.id()) {
                throw new InvalidInputException("codebookId", "codebook " + codebook.id() + " belongs to dataset "
                        + codebook.datasetId() + ", not to dataset " + dataset.id() + "; use a codebook of dataset "
                        + dataset.id() + " (GET /api/v1/codebooks?datasetId=" + dataset.id() + ")");
            }
        }
        Created<Experiment> saved = store.saveExperimentIfAbsent(spec);
        if (!saved.created() && !saved.value().spec().equals(spec)) {
            throw new ResourceConflictException("/api/v1/experiments/" + saved.value().id(), "experiment '"
                    + spec.name() + "' exists (id " + saved.value().id() + ") with a different spec; "
                    + "register under another name");
        }
        return saved;
    }

    /** "params.hidden" when the trainer's message is about a parameter the spec sets, else "params". */
    static String paramField(ExperimentSpec spec, String message) {
        if (message != null) {
            for (String key : spec.params().keySet()) {
                if (message.startsWith(key + " ") || message.contains("'" + key + "'")) {
                    return "params." + key;
                }
            }
        }
        return "params";
    }
}
