package io.h2rec.domain.fakes;

import io.h2rec.domain.model.Codebook;
import io.h2rec.domain.model.CodebookModel;
import io.h2rec.domain.model.ItemId;
import io.h2rec.domain.model.SemanticId;
import io.h2rec.domain.port.out.CodebookStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

public final class InMemoryCodebookStore implements CodebookStore {
    private final Map<Long, Codebook> books = new LinkedHashMap<>();
    private final Map<Long, CodebookModel> models = new HashMap<>();
    private final Map<Long, Map<ItemId, SemanticId>> codes = new HashMap<>();
    private final List<ColdStartItem> cold = new ArrayList<>();
    private final Map<Long, Map<ItemId, SemanticId>> built = new HashMap<>();

    @Override
    public Codebook commit(Codebook d, CodebookModel model, Map<ItemId, SemanticId> c) {
        long id = books.size() + 1;
        Codebook book = new Codebook(id, d.datasetId(), d.datasetFingerprint(), d.config(), d.encoderId(),
                d.textTemplate(), d.codeDim(), d.items(), d.stats(), Instant.now());
        books.put(id, book);
        models.put(id, model);
        codes.put(id, new LinkedHashMap<>(c));
        built.put(id, Map.copyOf(c));
        return book;
    }

    @Override
    public Optional<Codebook> find(long codebookId) {
        return Optional.ofNullable(books.get(codebookId));
    }

    @Override
    public List<Codebook> list(Long datasetId) {
        return books.values().stream().filter(b -> datasetId == null || b.datasetId() == datasetId).toList();
    }

    @Override
    public CodebookModel model(long codebookId) {
        return models.get(codebookId);
    }

    @Override
    public Map<ItemId, SemanticId> codes(long codebookId) {
        return Map.copyOf(codes.get(codebookId));
    }

    @Override
    public Map<ItemId, SemanticId> builtCodes(long codebookId) {
        return built.get(codebookId);
    }

    @Override
    public Optional<SemanticId> code(long codebookId, ItemId item) {
        return Optional.ofNullable(codes.get(codebookId).get(item));
    }

    @Override
    public void addColdStartItem(long codebookId, ItemId item, Map<String, String> fields, SemanticId code) {
        if (codes.get(codebookId).putIfAbsent(item, code) != null) {
            throw new io.h2rec.domain.error.InvalidInputException("item", "exists");
        }
        cold.add(new ColdStartItem(cold.size() + 1, item, code));
    }

    @Override
    public List<ColdStartItem> coldStartItems(long codebookId, long afterSequence) {
        return cold.stream().filter(c -> c.sequence() > afterSequence).toList();
    }

    @Override
    public boolean removeColdStartItem(long codebookId, ItemId item) {
        boolean removed = cold.removeIf(c -> c.item().equals(item));
        if (removed) {
            codes.get(codebookId).remove(item);
        }
        return removed;
    }

    @Override
    public int coldStartCount(long codebookId) {
        return cold.size();
    }

    public int committed() {
        return books.size();
    }
}
