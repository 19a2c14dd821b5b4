package io.h2rec.adapter.out.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import io.h2rec.domain.model.ItemId;
import io.h2rec.domain.port.out.SemanticIdSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** LETTER's shipped semantic IDs, {@code X.index.json}: {"item": ["<a_183>", "<b_70>", ...]}. */
public final class LetterIndexReader implements SemanticIdSource {
    static final String SUFFIX = ".index.json";
    private static final Pattern TOKEN = Pattern.compile("<[a-z]_(\\d+)>");

    @Override
    public Map<ItemId, int[]> load(String location) {
        Path dir = Path.of(location);
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("dataset location " + dir + " is not a directory");
        }
        Path file = FileSequenceSource.single(dir, SUFFIX).orElseThrow(() -> new IllegalArgumentException(
                "no *" + SUFFIX + " (shipped semantic IDs) in " + dir));
        JsonNode root = LetterJsonReader.objectByItem(file);
        Map<ItemId, int[]> out = new HashMap<>(root.size() * 2);
        int entry = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String record = "entry " + (++entry);
            if (!e.getValue().isArray() || e.getValue().isEmpty()) {
                throw new DatasetFormatException(file, record, "expected a non-empty array of code tokens");
            }
            int[] codes = new int[e.getValue().size()];
            for (int l = 0; l < codes.length; l++) {
                Matcher m = TOKEN.matcher(e.getValue().get(l).asText());
                if (!m.matches()) {
                    throw new DatasetFormatException(file, record, "code token " + (l + 1) + " is not of the form <x_N>");
                }
                codes[l] = Integer.parseInt(m.group(1));
            }
            out.put(new ItemId(e.getKey()), codes);
        }
        return out;
    }
}
