package io.h2rec.domain.port.in;

import io.h2rec.domain.model.Codebook;
import io.h2rec.domain.model.JobListener;

/** Item catalogue + text -> embeddings -> codebooks -> semantic IDs, committed as one version. */
public interface QuantizeCatalogUseCase {
    /**
     * @throws IllegalArgumentException unknown dataset, bad configuration, or items without text
     * @throws java.util.concurrent.CancellationException when the listener cancels; nothing is written
     */
    Codebook quantize(QuantizeCatalogCommand command, JobListener listener);
}
