package io.h2rec.domain.port.out;

import io.h2rec.domain.model.Created;
import io.h2rec.domain.model.DatasetSplit;
import io.h2rec.domain.model.Item;
import io.h2rec.domain.model.RegisteredDataset;

import java.util.List;
import java.util.Optional;

/** Registered datasets and their items (external id, dense index, text fields). */
public interface ItemCatalog {
    /** Registers the split and its items; returns the existing record when the fingerprint is known. */
    default RegisteredDataset register(DatasetSplit split, String format, String location) {
        return registerIfAbsent(split, format, location).value();
    }

    /**
     * As {@link #register}, saying whether this call created the record: of concurrent calls with
     * the same data exactly one creates it, the others get that record.
     */
    Created<RegisteredDataset> registerIfAbsent(DatasetSplit split, String format, String location);

    Optional<RegisteredDataset> find(long datasetId);

    Optional<RegisteredDataset> findByName(String name);

    List<RegisteredDataset> list();

    /** Items of a dataset by dense index 1..N (element 0 of the list is item 1). */
    List<Item> items(long datasetId);
}
