package io.h2rec.domain.port.in;

import io.h2rec.domain.model.Codebook;
import io.h2rec.domain.model.ItemId;
import io.h2rec.domain.model.SemanticId;

import java.util.List;

/** Reads of the committed codebook versions and their items' semantic IDs. */
public interface QueryCodebooksUseCase {
    /** Versions, newest first; of one dataset when {@code datasetId} is not null. */
    List<Codebook> codebooks(Long datasetId);

    /** @throws io.h2rec.domain.error.NotFoundException unknown codebook */
    Codebook codebook(long id);

    /**
     * The item's semantic ID in this version (cold-start items included).
     *
     * @throws io.h2rec.domain.error.NotFoundException unknown codebook, or the item has no code in it
     */
    SemanticId code(long codebookId, ItemId item);
}
