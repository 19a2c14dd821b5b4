package io.h2rec.domain.model;

/**
 * A split together with its registration in the store.
 *
 * @param created whether preparing it registered it now (false: the same data was registered before)
 */
public record PreparedDataset(RegisteredDataset registration, DatasetSplit split, boolean created) {
    public PreparedDataset(RegisteredDataset registration, DatasetSplit split) {
        this(registration, split, false);
    }
}
