package io.h2rec.domain.port.in;

import io.h2rec.domain.model.Codebook;
import io.h2rec.domain.model.JobListener;
import io.h2rec.domain.model.QuantizerConfig;

/** Item catalogue + text -> embeddings -> codebooks -> semantic IDs, committed as one version. */
public interface QuantizeCatalogUseCase {
    /**
     * Checks a configuration before any work starts: the quantizer exists here and every option is
     * in range.
     *
     * @throws io.h2rec.domain.error.InvalidInputException naming the offending field
     */
    void validate(QuantizerConfig config);

    /**
     * @throws io.h2rec.domain.error.NotFoundException unknown dataset
     * @throws io.h2rec.domain.error.InvalidInputException bad configuration, or items without text
     * @throws java.util.concurrent.CancellationException when the listener cancels; nothing is written
     */
    Codebook quantize(QuantizeCatalogCommand command, JobListener listener);
}
