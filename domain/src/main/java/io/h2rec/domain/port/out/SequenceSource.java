package io.h2rec.domain.port.out;

import io.h2rec.domain.model.RawDataset;

/** Reads a dataset (interactions and item text) from where it lives. */
public interface SequenceSource {
    /**
     * @param location a directory or file the source understands
     * @throws IllegalArgumentException when the location holds no known format, or a record is
     *                                  malformed (the message names the file and the record)
     */
    RawDataset load(String location);
}
