package io.h2rec.domain.port.in;

import io.h2rec.domain.model.RegisteredDataset;

import java.util.List;

/** Reads of the registered datasets. */
public interface QueryDatasetsUseCase {
    /** Every registered dataset, oldest first. */
    List<RegisteredDataset> datasets();

    /** @throws io.h2rec.domain.error.NotFoundException unknown dataset */
    RegisteredDataset dataset(long id);
}
