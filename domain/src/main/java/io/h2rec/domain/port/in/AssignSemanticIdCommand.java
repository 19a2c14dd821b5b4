package io.h2rec.domain.port.in;

import io.h2rec.domain.error.InvalidInputException;
import io.h2rec.domain.model.ItemId;

import java.util.Map;
import java.util.Objects;

/** Give a new item (cold start) a semantic ID from its text, against an existing codebook version. */
public record AssignSemanticIdCommand(long codebookId, ItemId item, Map<String, String> fields) {
    public AssignSemanticIdCommand {
        Objects.requireNonNull(item, "item");
        fields = Map.copyOf(fields == null ? Map.of() : fields);
        if (fields.values().stream().allMatch(v -> v == null || v.isBlank())) {
            throw new InvalidInputException("fields", "item " + item + " has no text: give at least a title");
        }
    }
}
