package io.h2rec.domain.model;

import java.util.List;
import java.util.Objects;

/**
 * A dataset as read from its files, before any filtering: interactions in input order and the
 * item catalogue (possibly empty when the source has no item text).
 *
 * @param name     short name, e.g. "Beauty"
 * @param format   the reader that produced it (letter-json, recbole, csv)
 * @param location where it was read from
 */
public record RawDataset(String name, String format, String location,
                         List<Interaction> interactions, List<Item> items) {
    public RawDataset {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(location, "location");
        interactions = List.copyOf(interactions);
        items = List.copyOf(items);
    }
}
