package io.h2rec.quantizer.adapter.in.rest;

import java.util.Map;

/**
 * Bounds of a cold-start item, checked before any work (issue 18: a 9 MB description was once
 * stored). The encoder reads at most a few hundred words of an item's text anyway.
 */
final class ColdStartLimits {
    static final int MAX_ITEM_ID = 200;
    static final int MAX_FIELDS = 32;
    static final int MAX_FIELD_NAME = 100;
    static final int MAX_FIELD_VALUE = 10_000;
    static final int MAX_TOTAL = 64 * 1024;

    private ColdStartLimits() {
    }

    static void check(String item, Map<String, String> fields) {
        if (item.length() > MAX_ITEM_ID) {
            throw new IllegalArgumentException("item id has " + item.length() + " characters; at most " + MAX_ITEM_ID);
        }
        if (fields == null) {
            return;
        }
        if (fields.size() > MAX_FIELDS) {
            throw new IllegalArgumentException("fields has " + fields.size() + " entries; at most " + MAX_FIELDS);
        }
        long total = 0;
        for (Map.Entry<String, String> f : fields.entrySet()) {
            if (f.getKey().length() > MAX_FIELD_NAME) {
                throw new IllegalArgumentException("a field name has " + f.getKey().length() + " characters; at most "
                        + MAX_FIELD_NAME);
            }
            int length = f.getValue() == null ? 0 : f.getValue().length();
            if (length > MAX_FIELD_VALUE) {
                throw new IllegalArgumentException("field '" + f.getKey() + "' has " + length + " characters; at most "
                        + MAX_FIELD_VALUE);
            }
            total += f.getKey().length() + length;
        }
        if (total > MAX_TOTAL) {
            throw new IllegalArgumentException("the fields hold " + total + " characters; at most " + MAX_TOTAL);
        }
    }
}
