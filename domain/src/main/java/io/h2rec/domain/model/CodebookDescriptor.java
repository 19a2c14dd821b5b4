package io.h2rec.domain.model;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What makes a codebook version, without its registry id: the quantizer configuration, the text
 * encoder and the item-text template. Two registries that built a codebook from the same
 * descriptor on the same dataset hold the same kind of semantic IDs, so a run ledger can name a
 * run's codebook across machines by this, where the id means nothing.
 *
 * <p>The same descriptor does not promise the same codes: the text encoder's floating point differs across
 * CPUs and builds, and k-means follows it (Beauty's RQ-KMeans: 1,106 items sharing a tuple in a build of
 * 2026-11-23, 1,052 in this code's builds). {@code codes}, a digest of what came out, says whether two runs
 * saw the same semantic IDs; it is provenance, not part of {@link #canonical()} (a ledger key names how a
 * codebook is made, so runs done elsewhere still count), and null where it was not recorded.
 *
 * @param codes {@link #digest} of the codebook's items' codes (cold-start items added later excluded), or null
 */
public record CodebookDescriptor(String quantizer, int levels, int codebookSize, long seed, Map<String, String> options,
                                 String encoderId, String textTemplate, String codes) {
    public CodebookDescriptor {
        Objects.requireNonNull(quantizer, "quantizer");
        options = Map.copyOf(new TreeMap<>(options == null ? Map.of() : options));
        if (codes != null && !codes.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("a codebook's 'codes' is the SHA-256 of its codes in hex, got '" + codes + "'");
        }
    }

    /** Without a digest of its codes. */
    public CodebookDescriptor(String quantizer, int levels, int codebookSize, long seed, Map<String, String> options,
                              String encoderId, String textTemplate) {
        this(quantizer, levels, codebookSize, seed, options, encoderId, textTemplate, null);
    }

    public CodebookDescriptor withCodes(String digest) {
        return new CodebookDescriptor(quantizer, levels, codebookSize, seed, options, encoderId, textTemplate, digest);
    }

    /**
     * SHA-256 (hex) of every item's codes, in the ids' text order whatever the map's: one line "id TAB c1,c2,..,cL" per
     * item. Equal for equal assignments, different when any item's code differs.
     */
    public static String digest(Map<ItemId, SemanticId> codes) {
        Map<String, SemanticId> byId = new TreeMap<>();   // the ids' text order: stable whatever ItemId compares by
        codes.forEach((item, sid) -> byId.put(item.value(), sid));
        StringBuilder sb = new StringBuilder();
        byId.forEach((item, sid) -> {
            sb.append(item).append('\t');
            int[] c = sid.codes();
            for (int l = 0; l < c.length; l++) {
                sb.append(l == 0 ? "" : ",").append(c[l]);
            }
            sb.append('\n');
        });
        return Sha256.hex(sb.toString());
    }

    /** The codebook's settings, without the digest of its codes (which are not in {@link Codebook}). */
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
