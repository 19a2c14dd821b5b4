package io.h2rec.domain.model;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A trained model as plain arrays: the contract between the trainer that exports it and the
 * scorers that load it (no TensorFlow needed to serve). Arrays are row-major with their shapes.
 *
 * @param modelType the trainer's model name (sasrec, h2rec, ...)
 * @param config    the resolved configuration it was trained with
 * @param itemIds   external id of item index i at position i-1 (index 0 is padding)
 */
public record ModelWeights(String modelType, Map<String, String> config, java.util.List<ItemId> itemIds,
                           Map<String, Array> arrays) {

    /** A named tensor: shape and row-major values. */
    public record Array(int[] shape, float[] values) {
        public Array {
            long n = 1;
            for (int s : shape) {
                n *= s;
            }
            if (n != values.length) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + n + " values, got "
                        + values.length);
            }
        }

        public int rows() {
            return shape[0];
        }

        public int cols() {
            return shape.length > 1 ? shape[shape.length - 1] : 1;
        }

        /** Row r of a 2-d array (a copy). */
        public float[] row(int r) {
            int c = cols();
            return Arrays.copyOfRange(values, r * c, (r + 1) * c);
        }

        /** A 2-d array of whole numbers stored as floats (e.g. semantic ID codes), rounded, as [rows][cols]. */
        public int[][] intMatrix() {
            if (shape.length != 2) {
                throw new IllegalStateException("not a matrix: " + Arrays.toString(shape));
            }
            int[][] m = new int[shape[0]][shape[1]];
            for (int r = 0; r < shape[0]; r++) {
                for (int c = 0; c < shape[1]; c++) {
                    m[r][c] = Math.round(values[r * shape[1] + c]);
                }
            }
            return m;
        }

        /** As [rows][cols]. */
        public float[][] matrix() {
            if (shape.length != 2) {
                throw new IllegalStateException("not a matrix: " + Arrays.toString(shape));
            }
            float[][] m = new float[shape[0]][];
            for (int r = 0; r < shape[0]; r++) {
                m[r] = row(r);
            }
            return m;
        }
    }

    public ModelWeights {
        Objects.requireNonNull(modelType, "modelType");
        config = Collections.unmodifiableMap(new TreeMap<>(config));
        itemIds = java.util.List.copyOf(itemIds);
        arrays = Collections.unmodifiableMap(new LinkedHashMap<>(arrays));
    }

    public Array array(String name) {
        Array a = arrays.get(name);
        if (a == null) {
            throw new IllegalArgumentException(modelType + " weights have no array '" + name + "'; have "
                    + arrays.keySet());
        }
        return a;
    }

    public boolean has(String name) {
        return arrays.containsKey(name);
    }

    /** Whether these weights rank the split's items under the same indices (trained on that split's items). */
    public boolean ranksItemsOf(DatasetSplit split) {
        if (itemIds.size() != split.numItems()) {
            return false;
        }
        for (int i = 1; i <= itemIds.size(); i++) {
            if (!itemIds.get(i - 1).equals(split.item(i).id())) {
                return false;
            }
        }
        return true;
    }

    public int numItems() {
        return itemIds.size();
    }

    /** The typed spec of the model these weights belong to (a neural model; fails for a key missing). */
    public ModelSpec spec() {
        return ModelCatalog.recorded(modelType, config);
    }

    public int intConfig(String key) {
        String v = config.get(key);
        if (v == null) {
            throw new IllegalArgumentException(modelType + " weights carry no config '" + key + "'");
        }
        return Integer.parseInt(v);
    }
}
