package io.h2rec.quantizer.adapter.in.rest;

import io.h2rec.adapter.in.rest.Inputs;
import io.h2rec.domain.error.InvalidInputException;
import io.h2rec.domain.model.ItemId;

import java.util.Map;

/**
 * Bounds of a cold-start item, checked before any work (issue 18: a 9 MB description was once
 * stored). The encoder reads at most a few hundred words of an item's text anyway. Each refusal is
 * a 400 naming the field.
 */
final class ColdStartLimits {
    static final int MAX_ITEM_ID = Inputs.NAME;
    static final int MAX_FIELDS = 32;
    static final int MAX_FIELD_VALUE = 10_000;
    static final int MAX_TOTAL = 64 * 1024;

    private ColdStartLimits() {
    }

    static void check(String item, Map<String, String> fields) {
        Inputs.text("item", item, MAX_ITEM_ID);
        // A cold-start item must be addressable as one URL path segment (GET and DELETE .../items/{item}).
        if (item.chars().anyMatch(ch -> ch == '/' || Character.isISOControl(ch))) {
            throw new InvalidInputException("item", "item must not contain '/' or control characters (it names a URL path segment)");
        }
        Inputs.map("fields", fields, MAX_FIELDS, MAX_FIELD_VALUE);
        if (fields == null) {
            return;
        }
        long total = 0;
        for (Map.Entry<String, String> f : fields.entrySet()) {
            total += f.getKey().length() + (f.getValue() == null ? 0 : f.getValue().length());
        }
        if (total > MAX_TOTAL) {
            throw new InvalidInputException("fields", "the fields hold " + total + " characters; at most " + MAX_TOTAL);
        }
    }

    /** An item named in a path: blank or too long is a 400 naming {@code item}, before any lookup. */
    static ItemId pathItem(String item) {
        return ItemId.of(Inputs.text("item", item, MAX_ITEM_ID));
    }
}
