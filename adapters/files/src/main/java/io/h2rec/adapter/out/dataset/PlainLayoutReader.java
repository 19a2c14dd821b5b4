package io.h2rec.adapter.out.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.h2rec.domain.model.Interaction;
import io.h2rec.domain.model.Item;
import io.h2rec.domain.model.ItemId;
import io.h2rec.domain.model.RawDataset;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The plain layout for users' own data (docs/datasets.md): {@code interactions.csv} with a header
 * holding {@code user,item,timestamp} (other columns ignored), and optionally
 * {@code items.jsonl}, one JSON object per line with {@code item} and text fields (strings, or
 * arrays of strings joined by ", ").
 */
final class PlainLayoutReader {
    static final String INTERACTIONS = "interactions.csv";
    static final String ITEMS = "items.jsonl";
    private static final ObjectMapper JSON = new ObjectMapper();

    private PlainLayoutReader() {
    }

    static RawDataset read(Path dir, Path csv) {
        List<Interaction> interactions = new ArrayList<>(1 << 16);
        Tables.forEachRow(csv, false, (row, line) -> {
            String record = "line " + line;
            String user = Tables.required(csv, record, row, "user");
            String item = Tables.required(csv, record, row, "item");
            String ts = Tables.required(csv, record, row, "timestamp");
            interactions.add(new Interaction(user, new ItemId(item),
                    Timestamps.parse(csv, Tables.cell(record, row, "timestamp"), ts)));
        });
        Path itemsFile = dir.resolve(ITEMS);
        List<Item> items = Files.isRegularFile(itemsFile) ? readItems(itemsFile) : List.of();
        String name = dir.getFileName() == null ? "dataset" : dir.getFileName().toString();
        return new RawDataset(name, "plain", csv.toString(), interactions, items, true);
    }

    private static List<Item> readItems(Path file) {
        List<Item> items = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            long n = 0;
            while ((line = in.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                String record = "line " + n;
                JsonNode node;
                try {
                    node = JSON.readTree(line);
                } catch (IOException e) {
                    throw new DatasetFormatException(file, record + ", column "
                            + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j && j.getLocation() != null
                            ? j.getLocation().getColumnNr() : 1), "not a JSON object", e);
                }
                if (node == null || !node.isObject() || !node.hasNonNull("item")) {
                    throw new DatasetFormatException(file, record, "expected a JSON object with an \"item\" field");
                }
                Map<String, String> fields = new LinkedHashMap<>();
                node.fields().forEachRemaining(f -> {
                    if (f.getKey().equals("item")) {
                        return;
                    }
                    if (f.getValue().isArray()) {
                        List<String> parts = new ArrayList<>();
                        f.getValue().forEach(v -> parts.add(v.asText()));
                        fields.put(f.getKey(), String.join(", ", parts));
                    } else if (f.getValue().isValueNode() && !f.getValue().isNull()) {
                        fields.put(f.getKey(), f.getValue().asText());
                    }
                });
                items.add(new Item(new ItemId(node.get("item").asText()), fields));
            }
        } catch (IOException e) {
            throw new DatasetFormatException(file, "file", "unreadable (" + e.getClass().getSimpleName() + ")", e);
        }
        return items;
    }
}
