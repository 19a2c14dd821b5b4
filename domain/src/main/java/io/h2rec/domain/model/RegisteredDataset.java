package io.h2rec.domain.model;

import java.util.Objects;

/**
 * A dataset as the store knows it: where it was read from, how it was prepared, and the
 * fingerprint of the result. Re-preparing from {@code location} must give the same fingerprint.
 */
public record RegisteredDataset(long id, String name, String format, String location, String fingerprint,
                                PreparationParams params, FilterStats stats) {
    public RegisteredDataset {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(params, "params");
    }
}
