package io.h2rec.training.adapter.in.cli;

import io.h2rec.domain.model.Codebook;
import io.h2rec.domain.model.ItemTextTemplate;
import io.h2rec.domain.model.QuantizerConfig;
import io.h2rec.domain.port.in.QuantizeCatalogCommand;
import io.h2rec.domain.port.in.QuantizeCatalogUseCase;
import io.h2rec.domain.port.out.CodebookStore;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

import java.io.PrintStream;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;

/** Finds the codebook version a command needs (L=4, K=256, seed 42 by default) or makes it. */
@Dependent
@Unremovable
public class Codebooks {
    @Inject
    CodebookStore store;
    @Inject
    QuantizeCatalogUseCase quantize;

    /** The newest default codebook of this quantizer on the dataset, if there is one. */
    Optional<Codebook> find(long datasetId, String quantizer) {
        QuantizerConfig wanted = QuantizerConfig.defaults(quantizer);
        return store.list(datasetId).stream()
                .filter(c -> c.config().quantizer().equals(quantizer) && c.config().levels() == wanted.levels()
                        && c.config().codebookSize() == wanted.codebookSize() && c.config().seed() == wanted.seed()
                        && c.config().options().isEmpty())
                .max(Comparator.comparingLong(Codebook::id));
    }

    Codebook ensure(long datasetId, String quantizer, PrintStream out) {
        QuantizerConfig wanted = QuantizerConfig.defaults(quantizer);
        return find(datasetId, quantizer)
                .map(c -> {
                    out.printf("      codebook %d (%s, L=%d, K=%d) already exists%n", c.id(), quantizer, c.config().levels(),
                            c.config().codebookSize());
                    return c;
                })
                .orElseGet(() -> {
                    out.printf("      quantizing item text with %s (L=%d, K=%d) ...%n", quantizer, wanted.levels(),
                            wanted.codebookSize());
                    Codebook c = quantize.quantize(new QuantizeCatalogCommand(datasetId,
                            new QuantizerConfig(quantizer, wanted.levels(), wanted.codebookSize(), wanted.seed(), Map.of()),
                            ItemTextTemplate.DEFAULT), new ConsoleProgress.Job(out));
                    out.printf("      codebook %d: %d collisions, encode %.0f s, quantize %.0f s%n", c.id(),
                            c.stats().collisions(), c.stats().encodeSeconds(), c.stats().quantizeSeconds());
                    return c;
                });
    }
}
