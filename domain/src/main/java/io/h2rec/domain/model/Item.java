package io.h2rec.domain.model;

import java.util.Map;
import java.util.Objects;

/**
 * An item of the catalogue and its text fields (title, brand, categories, description, ...),
 * as read from the source; absent fields are simply missing from the map.
 */
public record Item(ItemId id, Map<String, String> fields) {
    public Item {
        Objects.requireNonNull(id, "id");
        fields = Map.copyOf(fields);
    }

    public String field(String name) {
        return fields.getOrDefault(name, "");
    }
}
