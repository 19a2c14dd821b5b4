package io.h2rec.adapter.out.results;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The machine-readable result files of docs/results (evaluation.md): a fixed header, and rows
 * that a re-run replaces (rows matching a predicate are dropped before the new ones are added).
 */
public final class ResultsCsv {
    private static final CsvMapper CSV = new CsvMapper();

    private ResultsCsv() {
    }

    public static void replaceRows(Path file, List<String> header, Predicate<Map<String, String>> replaced,
                                   List<Map<String, String>> rows) {
        List<Map<String, String>> kept = new ArrayList<>(read(file, header));
        kept.removeIf(replaced);
        for (Map<String, String> row : rows) {
            Map<String, String> ordered = new LinkedHashMap<>();
            for (String column : header) {
                ordered.put(column, row.getOrDefault(column, ""));
            }
            kept.add(ordered);
        }
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
        header.forEach(schema::addColumn);
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            CSV.writer(schema.build()).writeValue(file.toFile(), kept);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /**
     * The rows of {@code file} (none when it does not exist or is empty); a file with other columns, or
     * one that is not UTF-8 CSV, is refused as an IllegalArgumentException naming the file.
     */
    public static List<Map<String, String>> read(Path file, List<String> header) {
        List<Map<String, String>> rows = new ArrayList<>();
        try {
            if (!Files.isRegularFile(file) || Files.size(file) == 0) {
                return rows;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        // The stream is closed here even when the first bytes fail to decode (before the iterator exists).
        try (InputStream in = Files.newInputStream(file); MappingIterator<Map<String, String>> it =
                CSV.readerForMapOf(String.class).with(CsvSchema.emptySchema().withHeader()).readValues(in)) {
            while (it.hasNextValue()) {
                Map<String, String> row = it.nextValue();
                if (!row.keySet().equals(new java.util.HashSet<>(header))) {
                    throw new IllegalArgumentException(file + " line " + (rows.size() + 2) + " has columns " + row.keySet()
                            + ", expected " + header);
                }
                rows.add(row);
            }
        } catch (CharConversionException e) {
            throw new IllegalArgumentException(file + " is not UTF-8 text (" + e.getMessage() + ")", e);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(file + " is not a CSV file with the header " + header + ": "
                    + e.getOriginalMessage() + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return rows;
    }
}
