package io.h2rec.domain.model;

import io.h2rec.domain.error.InvalidInputException;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which quantizer, with how many levels L and codes per level K (h2rec-model.md §1).
 *
 * @param quantizer rqkmeans (default, fast, no network), rqvae, pq, or import (codes shipped with
 *                  the dataset, e.g. LETTER's X.index.json)
 * @param options   quantizer-specific settings (e.g. iterations, epochs), by name
 */
public record QuantizerConfig(String quantizer, int levels, int codebookSize, long seed, Map<String, String> options) {
    public static final Set<String> QUANTIZERS = Set.of("rqkmeans", "rqvae", "pq", "import");
    public static final int MAX_LEVELS = 8;
    public static final int MAX_CODEBOOK_SIZE = 4096;

    public QuantizerConfig {
        Objects.requireNonNull(quantizer, "quantizer");
        if (!QUANTIZERS.contains(quantizer)) {
            throw new InvalidInputException("quantizer", "unknown quantizer '" + quantizer + "'; one of " + new java.util.TreeSet<>(QUANTIZERS));
        }
        if (levels < 1 || levels > MAX_LEVELS) {
            throw new InvalidInputException("levels", "levels L must be in 1.." + MAX_LEVELS + ", got " + levels);
        }
        if (codebookSize < 2 || codebookSize > MAX_CODEBOOK_SIZE) {
            throw new InvalidInputException("codebookSize", "codebook size K must be in 2.." + MAX_CODEBOOK_SIZE + ", got " + codebookSize);
        }
        options = Map.copyOf(new TreeMap<>(options == null ? Map.of() : options));
    }

    public static QuantizerConfig defaults(String quantizer) {
        return new QuantizerConfig(quantizer, 4, 256, 42L, Map.of());
    }
}
