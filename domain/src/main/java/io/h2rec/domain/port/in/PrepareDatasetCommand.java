package io.h2rec.domain.port.in;

import io.h2rec.domain.error.InvalidInputException;
import io.h2rec.domain.model.PreparationParams;

import java.util.Objects;

/**
 * Prepare the dataset at {@code location} (a directory or file a {@code SequenceSource} reads).
 */
public record PrepareDatasetCommand(String location, PreparationParams params) {
    public PrepareDatasetCommand {
        Objects.requireNonNull(location, "location");
        if (location.isBlank()) {
            throw new InvalidInputException("location", "dataset location must not be blank");
        }
        params = params == null ? PreparationParams.DEFAULT : params;
    }
}
