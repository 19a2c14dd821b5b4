package io.h2rec.domain.model;

import java.util.List;
import java.util.Objects;

/**
 * A dataset as read from its files, before any filtering: interactions in input order and the
 * item catalogue (possibly empty when the source has no item text).
 *
 * @param name        short name, e.g. "Beauty"
 * @param format      the reader that produced it (letter-json, recbole, csv)
 * @param location    where it was read from
 * @param timestamped whether the interactions carry real time (a temporal split needs it); false when
 *                    the source only orders each user's events and positions stand for time
 */
public record RawDataset(String name, String format, String location,
                         List<Interaction> interactions, List<Item> items, boolean timestamped) {
    public RawDataset {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(location, "location");
        interactions = List.copyOf(interactions);
        items = List.copyOf(items);
    }

    /** A dataset whose timestamps are positions only (no temporal split). */
    public RawDataset(String name, String format, String location, List<Interaction> interactions, List<Item> items) {
        this(name, format, location, interactions, items, false);
    }
}
