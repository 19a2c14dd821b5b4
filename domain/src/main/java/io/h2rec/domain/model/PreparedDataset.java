package io.h2rec.domain.model;

/** A split together with its registration in the store. */
public record PreparedDataset(RegisteredDataset registration, DatasetSplit split) {
}
