package io.h2rec.quantizer.config;

import io.h2rec.adapter.in.metrics.StateGauge;
import io.h2rec.adapter.out.dataset.FileSequenceSource;
import io.h2rec.adapter.out.dataset.LetterIndexReader;
import io.h2rec.adapter.out.tensorflow.TfRqVaeQuantizer;
import io.h2rec.adapter.out.textencoder.OnnxTextEncoder;
import io.h2rec.domain.port.in.PrepareDatasetUseCase;
import io.h2rec.domain.port.out.CodebookStore;
import io.h2rec.domain.port.out.EmbeddingCache;
import io.h2rec.domain.port.out.ItemCatalog;
import io.h2rec.domain.port.out.QuantizationJobStore;
import io.h2rec.domain.port.out.Quantizer;
import io.h2rec.domain.port.out.TextEncoder;
import io.h2rec.domain.service.CodebookQueryService;
import io.h2rec.domain.service.PrepareDatasetService;
import io.h2rec.domain.quantization.ProductQuantizer;
import io.h2rec.domain.service.QuantizeCatalogService;
import io.h2rec.domain.quantization.ResidualKMeansQuantizer;
import io.h2rec.domain.quantization.TextEmbeddings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.util.List;

/** Wires the quantization use cases to their adapters. */
@ApplicationScoped
public class QuantizerWiring {

    @Produces
    @Singleton
    PrepareDatasetUseCase prepareDataset(ItemCatalog catalog) {
        return new PrepareDatasetService(new FileSequenceSource(), catalog);
    }

    /** Serves QuantizeCatalogUseCase, AssignSemanticIdUseCase and RemoveColdStartItemUseCase. */
    @Produces
    @Singleton
    QuantizeCatalogService quantizeCatalogService(ItemCatalog catalog, CodebookStore store, OnnxTextEncoder encoder,
                                                  EmbeddingCache cache) {
        TextEncoder e = encoder;
        List<Quantizer> quantizers = List.of(new ResidualKMeansQuantizer(), new ProductQuantizer(),
                new TfRqVaeQuantizer());
        return new QuantizeCatalogService(catalog, store, new TextEmbeddings(e, cache), quantizers,
                new LetterIndexReader());
    }

    @Produces
    @Singleton
    CodebookQueryService codebookQueries(CodebookStore store) {
        return new CodebookQueryService(store);
    }

    /** {@code h2rec_quantizer_jobs{state=...}} at /q/metrics (registered by the web adapter's StateGauges). */
    @Produces
    @Singleton
    StateGauge jobsByState(QuantizationJobStore jobs) {
        return new StateGauge("h2rec.quantizer.jobs", "Quantization jobs by state", s -> jobs.findByState(s).size());
    }
}
