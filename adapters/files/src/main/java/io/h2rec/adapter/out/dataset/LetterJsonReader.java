package io.h2rec.adapter.out.dataset;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.h2rec.domain.model.Interaction;
import io.h2rec.domain.model.Item;
import io.h2rec.domain.model.ItemId;
import io.h2rec.domain.model.RawDataset;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * LETTER's layout: {@code X.inter.json} = {"user": [item, ...]} in time order (positions serve as
 * timestamps), {@code X.item.json} = {"item": {"title": ..., ...}}; string fields become text.
 */
final class LetterJsonReader {
    static final String SUFFIX = ".inter.json";
    private static final JsonFactory JSON = new JsonFactory();

    private LetterJsonReader() {
    }

    static RawDataset read(Path interFile) {
        String name = FileSequenceSource.stem(interFile, SUFFIX);
        List<Interaction> interactions = readInteractions(interFile);
        Path itemFile = interFile.resolveSibling(name + ".item.json");
        List<Item> items = Files.isRegularFile(itemFile) ? readItems(itemFile) : List.of();
        return new RawDataset(name, "letter-json", interFile.getParent().toString(), interactions, items);
    }

    private static List<Interaction> readInteractions(Path file) {
        List<Interaction> out = new ArrayList<>(1 << 16);
        try (InputStream in = Files.newInputStream(file); JsonParser p = JSON.createParser(in)) {
            expect(file, p, p.nextToken(), JsonToken.START_OBJECT, "document");
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String user = p.currentName();
                String record = "user at " + DatasetFormatException.at(p.currentLocation());
                expect(file, p, p.nextToken(), JsonToken.START_ARRAY, record);
                long position = 0;
                for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                    if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_STRING) {
                        throw new DatasetFormatException(file, DatasetFormatException.at(p.currentLocation()), "item "
                                + position + " of the " + record + " is " + t + ", expected an item id");
                    }
                    String item = p.getText();
                    if (item.isBlank()) {
                        throw new DatasetFormatException(file, record, "item " + position + " is blank");
                    }
                    if (user.isBlank()) {
                        throw new DatasetFormatException(file, record, "blank user id");
                    }
                    out.add(new Interaction(user, new ItemId(item), position++));
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT) {
                throw new DatasetFormatException(file, DatasetFormatException.at(p.currentLocation()), "unexpected "
                        + p.currentToken());
            }
        } catch (IOException e) {
            throw new DatasetFormatException(file, DatasetFormatException.at(e), "unreadable JSON", e);
        }
        return out;
    }

    private static List<Item> readItems(Path file) {
        JsonNode root = objectByItem(file);
        List<Item> items = new ArrayList<>(root.size());
        int entry = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            entry++;
            if (!e.getValue().isObject()) {
                throw new DatasetFormatException(file, "entry " + entry, "expected an object of fields");
            }
            Map<String, String> fields = new LinkedHashMap<>();
            e.getValue().fields().forEachRemaining(f -> {
                if (f.getValue().isTextual()) {
                    fields.put(f.getKey(), f.getValue().asText());
                }
            });
            items.add(new Item(new ItemId(e.getKey()), fields));
        }
        return items;
    }

    /** A LETTER JSON document that is one object keyed by item id (items, shipped codes). */
    static JsonNode objectByItem(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new DatasetFormatException(file, DatasetFormatException.at(e), "unreadable JSON", e);
        }
        if (root == null || !root.isObject()) {
            throw new DatasetFormatException(file, "document", "expected an object keyed by item id");
        }
        return root;
    }

    private static void expect(Path file, JsonParser p, JsonToken actual, JsonToken expected, String record) {
        if (actual != expected) {
            throw new DatasetFormatException(file, DatasetFormatException.at(p.currentLocation()), "expected "
                    + expected + " but found " + actual + " (" + record + ")");
        }
    }
}
