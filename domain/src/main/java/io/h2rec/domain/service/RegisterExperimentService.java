package io.h2rec.domain.service;

import io.h2rec.domain.port.out.Trainers;

import io.h2rec.domain.error.ConflictException;
import io.h2rec.domain.error.InvalidInputException;
import io.h2rec.domain.model.Codebook;
import io.h2rec.domain.model.Created;
import io.h2rec.domain.model.Experiment;
import io.h2rec.domain.model.ExperimentSpec;
import io.h2rec.domain.model.MemoryEstimate;
import io.h2rec.domain.model.RegisteredDataset;
import io.h2rec.domain.port.in.RegisterExperimentCommand;
import io.h2rec.domain.port.in.RegisterExperimentUseCase;
import io.h2rec.domain.port.out.CodebookStore;
import io.h2rec.domain.port.out.ExperimentStore;
import io.h2rec.domain.port.out.ItemCatalog;
import io.h2rec.domain.port.out.Trainer;

import java.util.LinkedHashMap;
import java.util.Map;

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
    private final long memoryBudgetBytes;

    /** Without a memory budget. */
    public RegisterExperimentService(ExperimentStore store, ItemCatalog catalog, Trainers trainers,
                                     CodebookStore codebooks) {
        this(store, catalog, trainers, codebooks, Long.MAX_VALUE);
    }

    /** @param memoryBudgetBytes a config whose estimated training memory exceeds it is refused */
    public RegisterExperimentService(ExperimentStore store, ItemCatalog catalog, Trainers trainers,
                                     CodebookStore codebooks, long memoryBudgetBytes) {
        this.store = store;
        this.catalog = catalog;
        this.trainers = trainers;
        this.codebooks = codebooks;
        this.memoryBudgetBytes = memoryBudgetBytes;
    }

    @Override
    public Created<Experiment> registerIfAbsent(RegisterExperimentCommand command) {
        ExperimentSpec spec = command.spec();
        RegisteredDataset dataset = catalog.find(spec.datasetId())
                .orElseThrow(() -> new InvalidInputException("datasetId", "unknown dataset " + spec.datasetId()));
        Trainer trainer = trainers.forModel(spec.model());
        trainer.resolveConfig(spec.model(), spec.params());   // InvalidInputException naming params.KEY
        if (trainer.usesSemanticIds(spec.model()) && spec.codebookId() == null) {
            throw new InvalidInputException("codebookId", "model " + spec.model()
                    + " needs a codebook version (codebookId)");
        }
        int sidCodes = 0;
        if (spec.codebookId() != null) {
            Codebook codebook = codebooks.find(spec.codebookId()).orElseThrow(() ->
                    new InvalidInputException("codebookId", "unknown codebook " + spec.codebookId()));
            sidCodes = codebook.config().levels() * codebook.config().codebookSize();
            if (codebook.datasetId() != dataset.id()) {
                throw new InvalidInputException("codebookId", "codebook " + codebook.id() + " belongs to dataset "
                        + codebook.datasetId() + ", not to dataset " + dataset.id() + "; use a codebook of dataset "
                        + dataset.id() + " (GET /api/v1/codebooks?datasetId=" + dataset.id() + ")");
            }
        }
        admit(trainer.estimateMemory(spec.model(), spec.params(), dataset.stats().itemsAfter(), sidCodes));
        Created<Experiment> saved = store.saveExperimentIfAbsent(spec);
        if (!saved.created() && !saved.value().spec().equals(spec)) {
            throw new ConflictException("/api/v1/experiments/" + saved.value().id(), "experiment '"
                    + spec.name() + "' exists (id " + saved.value().id() + ") with a different spec; "
                    + "register under another name");
        }
        return saved;
    }

    /** A config that would not fit the memory budget is refused with the estimate and the budget. */
    private void admit(MemoryEstimate e) {
        if (e.totalBytes() <= memoryBudgetBytes) {
            return;
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("estimateMb", MemoryEstimate.mib(e.totalBytes()));
        details.put("budgetMb", MemoryEstimate.mib(memoryBudgetBytes));
        details.put("parametersMb", MemoryEstimate.mib(e.parameterBytes()));
        details.put("optimizerMb", MemoryEstimate.mib(e.optimizerBytes()));
        details.put("activationsMb", MemoryEstimate.mib(e.activationBytes()));
        throw new InvalidInputException("params", String.format(java.util.Locale.ROOT, "this config needs an "
                        + "estimated %,d MiB to train (parameters %,d, optimizer state and snapshots %,d, activations of "
                        + "one batch %,d) and the budget is %,d MiB (h2rec.training.memory-budget-mb); reduce batch, "
                        + "max_len, hidden or blocks (with loss=ce, the default, the logits grow with the catalogue: "
                        + "loss=sampled_softmax bounds them)", MemoryEstimate.mib(e.totalBytes()),
                MemoryEstimate.mib(e.parameterBytes()), MemoryEstimate.mib(e.optimizerBytes()),
                MemoryEstimate.mib(e.activationBytes()), MemoryEstimate.mib(memoryBudgetBytes)), details);
    }
}
