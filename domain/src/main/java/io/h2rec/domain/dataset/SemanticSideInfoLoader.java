package io.h2rec.domain.dataset;

import io.h2rec.domain.quantization.TextEmbeddings;

import io.h2rec.domain.model.Codebook;
import io.h2rec.domain.model.CodebookModel;
import io.h2rec.domain.model.DatasetSplit;
import io.h2rec.domain.model.Item;
import io.h2rec.domain.model.ItemId;
import io.h2rec.domain.model.ItemTextTemplate;
import io.h2rec.domain.model.JobListener;
import io.h2rec.domain.model.SemanticId;
import io.h2rec.domain.model.SemanticSideInfo;
import io.h2rec.domain.port.out.CodebookStore;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Aligns a codebook version's codes (and the items' text embeddings, for the hot start) to a
 * split's dense item indices.
 */
public final class SemanticSideInfoLoader {
    private final CodebookStore codebooks;
    private final TextEmbeddings embeddings;

    /** @param embeddings null when this process has no text encoder (no hot start then) */
    public SemanticSideInfoLoader(CodebookStore codebooks, TextEmbeddings embeddings) {
        this.codebooks = codebooks;
        this.embeddings = embeddings;
    }

    public SemanticSideInfo load(long codebookId, DatasetSplit split, boolean withText, JobListener listener) {
        Codebook book = codebooks.find(codebookId)
                .orElseThrow(() -> new IllegalArgumentException("unknown codebook " + codebookId));
        Map<ItemId, SemanticId> codes = codebooks.codes(codebookId);
        int n = split.numItems();
        int levels = book.config().levels();
        int[][] aligned = new int[n + 1][levels];
        List<String> missing = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            SemanticId sid = codes.get(split.item(i).id());
            if (sid == null) {
                missing.add(split.item(i).id().value());
            } else {
                aligned[i] = sid.codes();
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("codebook " + codebookId + " has no codes for " + missing.size()
                    + " items of dataset " + split.name() + " (e.g. " + missing.subList(0, Math.min(5, missing.size()))
                    + "); quantize this dataset");
        }
        CodebookModel model = codebooks.model(codebookId);
        float[][][] vectors = model.kind() == CodebookModel.Kind.LEARNED ? null : model.vectors();
        float[][] text = withText ? text(book, split, listener) : null;
        return new SemanticSideInfo(codebookId, levels, book.config().codebookSize(), aligned, vectors, text);
    }

    /** Text embeddings of every item (row 0 zeros), or null when there is no encoder or no text. */
    private float[][] text(Codebook book, DatasetSplit split, JobListener listener) {
        if (embeddings == null) {
            return null;
        }
        boolean sameEncoder = book.encoderId().equals(embeddings.encoderId());
        ItemTextTemplate template = sameEncoder && !book.textTemplate().isBlank()
                ? new ItemTextTemplate(book.textTemplate(), ItemTextTemplate.DEFAULT.maxChars())
                : ItemTextTemplate.DEFAULT;
        List<String> texts = new ArrayList<>(split.numItems());
        for (Item item : split.items()) {
            String t = template.render(item);
            if (t.isBlank()) {
                return null; // an item without text: no hot start for this dataset
            }
            texts.add(t);
        }
        float[][] x = embeddings.embed(texts, listener);
        float[][] out = new float[x.length + 1][];
        out[0] = new float[x[0].length];
        System.arraycopy(x, 0, out, 1, x.length);
        return out;
    }
}
