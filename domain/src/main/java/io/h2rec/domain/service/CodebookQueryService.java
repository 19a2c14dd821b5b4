package io.h2rec.domain.service;

import io.h2rec.domain.error.NotFoundException;
import io.h2rec.domain.model.Codebook;
import io.h2rec.domain.model.ItemId;
import io.h2rec.domain.model.SemanticId;
import io.h2rec.domain.port.in.QueryCodebooksUseCase;
import io.h2rec.domain.port.out.CodebookStore;

import java.util.List;

/** The codebook versions' reads. */
public final class CodebookQueryService implements QueryCodebooksUseCase {
    private final CodebookStore store;

    public CodebookQueryService(CodebookStore store) {
        this.store = store;
    }

    @Override
    public List<Codebook> codebooks(Long datasetId) {
        return store.list(datasetId);
    }

    @Override
    public Codebook codebook(long id) {
        return store.find(id).orElseThrow(() -> new NotFoundException("codebook", id));
    }

    @Override
    public SemanticId code(long codebookId, ItemId item) {
        codebook(codebookId);
        return store.code(codebookId, item).orElseThrow(() -> new NotFoundException("item", item,
                "item " + item + " has no code in codebook " + codebookId));
    }
}
