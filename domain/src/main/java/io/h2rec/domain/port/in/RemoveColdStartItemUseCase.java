package io.h2rec.domain.port.in;

import io.h2rec.domain.model.ItemId;

/** Shrinks a codebook version's cold-start overlay; committed codes stay. */
public interface RemoveColdStartItemUseCase {
    /**
     * @throws io.h2rec.domain.error.NotFoundException unknown codebook, or the item is not a cold-start
     *         item of it (committed codes cannot be removed)
     */
    void remove(long codebookId, ItemId item);
}
