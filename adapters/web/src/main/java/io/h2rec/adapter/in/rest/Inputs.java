package io.h2rec.adapter.in.rest;

import io.h2rec.domain.error.InvalidInputException;

import java.util.Collection;
import java.util.Map;

/**
 * Bounds every request field before work starts: required values, string lengths, map and list
 * sizes, numeric ranges. Each failure names its field. (Strict JSON types, NUL bytes and nulls
 * inside lists and maps are refused earlier, by {@link StrictJson}.)
 */
public final class Inputs {
    /** Names (experiments, items, map keys). */
    public static final int NAME = 200;
    /** Filesystem paths. */
    public static final int PATH = 4096;

    private Inputs() {
    }

    public static <T> T required(String field, T value) {
        if (value == null) {
            throw new InvalidInputException(field, field + " is required");
        }
        return value;
    }

    /** A required, non-blank string of at most {@code max} characters. */
    public static String text(String field, String value, int max) {
        required(field, value);
        if (value.isBlank()) {
            throw new InvalidInputException(field, field + " must not be blank");
        }
        return optionalText(field, value, max);
    }

    /** A string of at most {@code max} characters, or null. */
    public static String optionalText(String field, String value, int max) {
        if (value != null && value.length() > max) {
            throw new InvalidInputException(field, field + " has " + value.length() + " characters; at most " + max);
        }
        return value;
    }

    public static long range(String field, long value, long min, long max) {
        if (value < min || value > max) {
            throw new InvalidInputException(field, field + " must be in [" + min + ", " + max + "], got " + value);
        }
        return value;
    }

    /** An id of an existing resource: positive. */
    public static Long id(String field, Long value) {
        if (value != null) {
            range(field, value, 1, Long.MAX_VALUE);
        }
        return value;
    }

    public static <T extends Collection<?>> T size(String field, T values, int max) {
        if (values != null && values.size() > max) {
            throw new InvalidInputException(field, field + " has " + values.size() + " entries; at most " + max);
        }
        return values;
    }

    /** A string map of at most {@code maxEntries}, keys non-blank up to {@link #NAME}, values up to {@code maxValue}. */
    public static Map<String, String> map(String field, Map<String, String> values, int maxEntries, int maxValue) {
        if (values == null) {
            return null;
        }
        if (values.size() > maxEntries) {
            throw new InvalidInputException(field, field + " has " + values.size() + " entries; at most " + maxEntries);
        }
        for (Map.Entry<String, String> e : values.entrySet()) {
            String key = field + "." + e.getKey();
            if (e.getKey().isBlank()) {
                throw new InvalidInputException(field, field + " has a blank key");
            }
            optionalText(field, e.getKey(), NAME);
            optionalText(key, e.getValue(), maxValue);
        }
        return values;
    }
}
