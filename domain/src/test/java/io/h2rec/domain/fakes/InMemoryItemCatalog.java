package io.h2rec.domain.fakes;

import io.h2rec.domain.model.Created;
import io.h2rec.domain.model.DatasetSplit;
import io.h2rec.domain.model.Item;
import io.h2rec.domain.model.RegisteredDataset;
import io.h2rec.domain.port.out.ItemCatalog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

public final class InMemoryItemCatalog implements ItemCatalog {
    private final List<RegisteredDataset> datasets = new ArrayList<>();
    private final Map<Long, List<Item>> items = new HashMap<>();

    @Override
    public synchronized Created<RegisteredDataset> registerIfAbsent(DatasetSplit split, String format,
                                                                   String location) {
        for (RegisteredDataset d : datasets) {
            if (d.fingerprint().equals(split.fingerprint())) {
                return new Created<>(d, false);
            }
        }
        RegisteredDataset d = new RegisteredDataset(datasets.size() + 1, split.name(), format, location,
                split.fingerprint(), split.params(), split.stats());
        datasets.add(d);
        items.put(d.id(), split.items());
        return new Created<>(d, true);
    }

    @Override
    public Optional<RegisteredDataset> find(long datasetId) {
        return datasets.stream().filter(d -> d.id() == datasetId).findFirst();
    }

    @Override
    public Optional<RegisteredDataset> findByName(String name) {
        return datasets.stream().filter(d -> d.name().equals(name)).reduce((a, b) -> b);
    }

    @Override
    public List<RegisteredDataset> list() {
        return List.copyOf(datasets);
    }

    @Override
    public List<Item> items(long datasetId) {
        return items.getOrDefault(datasetId, List.of());
    }
}
