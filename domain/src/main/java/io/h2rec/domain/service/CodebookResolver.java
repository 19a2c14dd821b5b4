package io.h2rec.domain.service;

import io.h2rec.domain.model.Codebook;
import io.h2rec.domain.model.CodebookDescriptor;
import io.h2rec.domain.model.ItemTextTemplate;
import io.h2rec.domain.model.JobListener;
import io.h2rec.domain.model.QuantizerConfig;
import io.h2rec.domain.port.in.QuantizeCatalogCommand;
import io.h2rec.domain.port.in.QuantizeCatalogUseCase;
import io.h2rec.domain.port.out.CodebookStore;

import java.util.Comparator;
import java.util.Map;
import java.util.Optional;

/**
 * The default codebook version of a quantizer on a dataset (L = 4, K = 256, seed 42, no options,
 * the default item-text template), as the commands use it: found, built when missing, or described
 * before it exists (a run ledger names codebooks by their descriptor).
 */
public final class CodebookResolver {
    private final CodebookStore store;
    private final QuantizeCatalogUseCase quantize;
    private final String encoderId;

    /** @param encoderId the text encoder this process quantizes with */
    public CodebookResolver(CodebookStore store, QuantizeCatalogUseCase quantize, String encoderId) {
        this.store = store;
        this.quantize = quantize;
        this.encoderId = encoderId;
    }

    /** The newest default codebook of this quantizer on the dataset, if there is one. */
    public Optional<Codebook> find(long datasetId, String quantizer) {
        QuantizerConfig wanted = QuantizerConfig.defaults(quantizer);
        return store.list(datasetId).stream()
                .filter(c -> c.config().quantizer().equals(quantizer) && c.config().levels() == wanted.levels()
                        && c.config().codebookSize() == wanted.codebookSize() && c.config().seed() == wanted.seed()
                        && c.config().options().isEmpty())
                .max(Comparator.comparingLong(Codebook::id));
    }

    /** The default codebook, built now if there is none. */
    public Codebook ensure(long datasetId, String quantizer, JobListener listener) {
        return find(datasetId, quantizer).orElseGet(() -> quantize.quantize(new QuantizeCatalogCommand(datasetId,
                QuantizerConfig.defaults(quantizer), ItemTextTemplate.DEFAULT), listener));
    }

    /** What the default codebook is made of: the existing one's, or the one it would have once built. */
    public CodebookDescriptor descriptor(long datasetId, String quantizer) {
        return find(datasetId, quantizer).map(CodebookDescriptor::of).orElseGet(() -> {
            QuantizerConfig q = QuantizerConfig.defaults(quantizer);
            boolean imported = quantizer.equals("import");
            return new CodebookDescriptor(quantizer, q.levels(), q.codebookSize(), q.seed(), Map.of(),
                    imported ? "none" : encoderId, imported ? "" : ItemTextTemplate.DEFAULT.template());
        });
    }
}
