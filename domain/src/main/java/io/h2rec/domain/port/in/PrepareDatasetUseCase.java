package io.h2rec.domain.port.in;

import io.h2rec.domain.model.PreparedDataset;

/** Read, filter and split a dataset, and register it (idempotent by fingerprint). */
public interface PrepareDatasetUseCase {
    PreparedDataset prepare(PrepareDatasetCommand command);

    /**
     * Re-prepares a registered dataset from its recorded location and parameters.
     *
     * @throws io.h2rec.domain.error.ConflictException when the files changed since registration (fingerprint differs)
     */
    PreparedDataset load(long datasetId);

    /** The registration alone (no files read). */
    java.util.Optional<io.h2rec.domain.model.RegisteredDataset> find(long datasetId);
}
