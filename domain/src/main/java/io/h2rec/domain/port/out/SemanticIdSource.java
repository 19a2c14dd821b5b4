package io.h2rec.domain.port.out;

import io.h2rec.domain.model.ItemId;

import java.util.Map;

/** Semantic IDs made elsewhere (e.g. LETTER's X.index.json), to import as a codebook version. */
public interface SemanticIdSource {
    /**
     * @param location the dataset folder
     * @throws IllegalArgumentException when it ships no codes or they are malformed
     */
    Map<ItemId, int[]> load(String location);
}
