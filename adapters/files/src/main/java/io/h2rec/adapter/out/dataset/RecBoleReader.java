package io.h2rec.adapter.out.dataset;

import io.h2rec.domain.model.Interaction;
import io.h2rec.domain.model.Item;
import io.h2rec.domain.model.ItemId;
import io.h2rec.domain.model.RawDataset;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * RecBole atomic files: {@code X.inter} (TSV, header {@code user_id:token item_id:token ...
 * timestamp:float}) and {@code X.item}. Column types after ':' are dropped; MovieLens's
 * movie_title / class / release_year become title / categories / year. Same-second ties keep
 * file order.
 */
final class RecBoleReader {
    static final String SUFFIX = ".inter";
    private static final Map<String, String> FIELD_NAMES =
            Map.of("movie_title", "title", "class", "categories", "release_year", "year");

    private RecBoleReader() {
    }

    static RawDataset read(Path interFile) {
        String name = FileSequenceSource.stem(interFile, SUFFIX);
        List<Interaction> interactions = new ArrayList<>(1 << 16);
        Tables.forEachRow(interFile, true, (row, line) -> {
            Map<String, String> r = stripTypes(row);
            String record = "line " + line;
            String user = Tables.required(interFile, record, r, "user_id");
            String item = Tables.required(interFile, record, r, "item_id");
            String ts = Tables.required(interFile, record, r, "timestamp");
            interactions.add(new Interaction(user, new ItemId(item),
                    Timestamps.parse(interFile, Tables.cell(record, r, "timestamp"), ts)));
        });
        Path itemFile = interFile.resolveSibling(name + ".item");
        List<Item> items = new ArrayList<>();
        if (Files.isRegularFile(itemFile)) {
            Tables.forEachRow(itemFile, true, (row, line) -> {
                Map<String, String> r = stripTypes(row);
                String id = Tables.required(itemFile, "line " + line, r, "item_id");
                Map<String, String> fields = new LinkedHashMap<>();
                r.forEach((k, v) -> {
                    if (!k.equals("item_id") && v != null && !v.isBlank()) {
                        fields.put(FIELD_NAMES.getOrDefault(k, k), v);
                    }
                });
                items.add(new Item(new ItemId(id), fields));
            });
        }
        return new RawDataset(name, "recbole", interFile.getParent().toString(), interactions, items, true);
    }

    private static Map<String, String> stripTypes(Map<String, String> row) {
        Map<String, String> out = new LinkedHashMap<>();
        row.forEach((k, v) -> {
            int colon = k.indexOf(':');
            out.put(colon < 0 ? k : k.substring(0, colon), v);
        });
        return out;
    }
}
