package io.h2rec.domain.service;

import io.h2rec.domain.dataset.DatasetPreparation;

import io.h2rec.domain.error.ConflictException;
import io.h2rec.domain.error.NotFoundException;
import io.h2rec.domain.model.Created;
import io.h2rec.domain.model.DatasetSplit;
import io.h2rec.domain.model.PreparedDataset;
import io.h2rec.domain.model.RawDataset;
import io.h2rec.domain.model.RegisteredDataset;
import io.h2rec.domain.port.in.PrepareDatasetCommand;
import io.h2rec.domain.port.in.PrepareDatasetUseCase;
import io.h2rec.domain.port.out.ItemCatalog;
import io.h2rec.domain.port.out.SequenceSource;

/** Reads through a {@link SequenceSource}, prepares, registers in the {@link ItemCatalog}. */
public final class PrepareDatasetService implements PrepareDatasetUseCase {
    private final SequenceSource source;
    private final ItemCatalog catalog;

    public PrepareDatasetService(SequenceSource source, ItemCatalog catalog) {
        this.source = source;
        this.catalog = catalog;
    }

    @Override
    public PreparedDataset prepare(PrepareDatasetCommand command) {
        RawDataset raw = source.load(command.location());
        DatasetSplit split = DatasetPreparation.prepare(raw, command.params());
        Created<RegisteredDataset> registered = catalog.registerIfAbsent(split, raw.format(), raw.location());
        return new PreparedDataset(registered.value(), split, registered.created());
    }

    @Override
    public java.util.Optional<RegisteredDataset> find(long datasetId) {
        return catalog.find(datasetId);
    }

    @Override
    public PreparedDataset load(long datasetId) {
        RegisteredDataset registered = catalog.find(datasetId)
                .orElseThrow(() -> new NotFoundException("dataset", datasetId));
        RawDataset raw = source.load(registered.location());
        DatasetSplit split = DatasetPreparation.prepare(raw, registered.params());
        if (!split.fingerprint().equals(registered.fingerprint())) {
            throw new ConflictException("/api/v1/datasets/" + datasetId, "dataset " + registered.name() + " at " + registered.location()
                    + " changed since it was registered: fingerprint " + split.fingerprint() + " != "
                    + registered.fingerprint() + "; register it again");
        }
        return new PreparedDataset(registered, split);
    }
}
