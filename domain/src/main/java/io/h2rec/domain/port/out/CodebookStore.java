package io.h2rec.domain.port.out;

import io.h2rec.domain.model.Codebook;
import io.h2rec.domain.model.CodebookModel;
import io.h2rec.domain.model.ItemId;
import io.h2rec.domain.model.SemanticId;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Codebook versions: committed whole in one transaction (a failed job leaves nothing), immutable
 * afterwards. Cold-start items live in an overlay of a version: added, and removable, without
 * touching the committed codes.
 */
public interface CodebookStore {
    /** Writes the version, its model and every item's codes atomically; returns it with its id. */
    Codebook commit(Codebook draft, CodebookModel model, Map<ItemId, SemanticId> codes);

    Optional<Codebook> find(long codebookId);

    /** All versions, newest first; of one dataset when {@code datasetId} is given. */
    List<Codebook> list(Long datasetId);

    CodebookModel model(long codebookId);

    /** Every item's codes, cold-start items included. */
    Map<ItemId, SemanticId> codes(long codebookId);

    /** The codes the version was committed with, without the cold-start items added since (read at once). */
    Map<ItemId, SemanticId> builtCodes(long codebookId);

    Optional<SemanticId> code(long codebookId, ItemId item);

    /**
     * Records a new item's codes.
     *
     * @throws IllegalArgumentException when the item already has codes in this version
     */
    void addColdStartItem(long codebookId, ItemId item, Map<String, String> fields, SemanticId code);

    /**
     * Removes a cold-start item from the version's overlay (committed codes cannot be removed).
     *
     * @return false when the overlay does not hold the item
     */
    boolean removeColdStartItem(long codebookId, ItemId item);

    /** How many cold-start items the version's overlay holds now (it shrinks when one is removed). */
    int coldStartCount(long codebookId);

    /** Cold-start items added after {@code afterSequence} (a monotonic counter), with their sequence. */
    List<ColdStartItem> coldStartItems(long codebookId, long afterSequence);

    record ColdStartItem(long sequence, ItemId item, SemanticId code) {
    }
}
