package io.h2rec.domain.model;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What makes a codebook version, without its registry id: the quantizer configuration, the text
 * encoder and the item-text template. Two registries that built a codebook from the same
 * descriptor on the same dataset hold the same kind of semantic IDs, so a run ledger can name a
 * run's codebook across machines by this, where the id means nothing.
 */
public record CodebookDescriptor(String quantizer, int levels, int codebookSize, long seed, Map<String, String> options,
                                 String encoderId, String textTemplate) {
    public CodebookDescriptor {
        Objects.requireNonNull(quantizer, "quantizer");
        options = Map.copyOf(new TreeMap<>(options == null ? Map.of() : options));
    }

    public static CodebookDescriptor of(Codebook c) {
        QuantizerConfig q = c.config();
        return new CodebookDescriptor(q.quantizer(), q.levels(), q.codebookSize(), q.seed(), q.options(), c.encoderId(),
                c.textTemplate());
    }

    /** One line, stable across JVMs and machines: part of a ledger key. */
    public String canonical() {
        return quantizer + ";L=" + levels + ";K=" + codebookSize + ";seed=" + seed + ";options=" + new TreeMap<>(options)
                + ";encoder=" + encoderId + ";text=" + textTemplate;
    }
}
