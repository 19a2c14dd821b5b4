package io.h2rec.adapter.out.dataset;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.BiConsumer;

/** Header-first delimited files read row by row with their line numbers (Jackson CSV). */
final class Tables {
    private static final CsvMapper CSV = new CsvMapper();

    private Tables() {
    }

    /**
     * Calls {@code row} with each record (column name -> value) and its line number.
     *
     * @param tsv tab-separated without quoting (RecBole) rather than RFC 4180 CSV
     */
    static void forEachRow(Path file, boolean tsv, BiConsumer<Map<String, String>, Long> row) {
        CsvSchema schema = CsvSchema.emptySchema().withHeader();
        if (tsv) {
            schema = schema.withColumnSeparator('\t').withoutQuoteChar().withoutEscapeChar();
        }
        try (MappingIterator<Map<String, String>> it = CSV.readerForMapOf(String.class).with(schema)
                .readValues(file.toFile())) {
            while (true) {
                // The location after the previous record is the start of this one.
                long line = it.getCurrentLocation() == null ? -1 : it.getCurrentLocation().getLineNr();
                Map<String, String> values;
                try {
                    if (!it.hasNextValue()) {
                        break;
                    }
                    values = it.nextValue();
                } catch (RuntimeException | IOException e) {
                    Throwable cause = e.getCause() instanceof Exception c && !(e instanceof IOException) ? c : e;
                    throw new DatasetFormatException(file, cause instanceof Exception c ? DatasetFormatException.at(c)
                            : "line " + line, "malformed record", e);
                }
                row.accept(values, line);
            }
        } catch (IOException e) {
            throw new DatasetFormatException(file, "header", "unreadable (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    /** The trimmed value of a required column, or an error naming file, line, column number and column. */
    static String required(Path file, String record, Map<String, String> row, String column) {
        String v = row.get(column);
        if (v == null || v.isBlank()) {
            throw new DatasetFormatException(file, cell(record, row, column), "missing value for column '" + column + "'");
        }
        return v.trim();
    }

    /** "line L, column C": where {@code column} sits in this row (1-based, header order). */
    static String cell(String record, Map<String, String> row, String column) {
        int c = 1;
        for (String name : row.keySet()) {
            if (name.equals(column)) {
                return record + ", column " + c;
            }
            c++;
        }
        return record + " (no column '" + column + "' in the header)";
    }
}
