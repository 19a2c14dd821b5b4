package io.h2rec.adapter.out.dataset;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.h2rec.domain.error.InvalidInputException;

import java.nio.file.Path;

/**
 * A malformed record, never a silent skip: invalid input in the dataset's {@code location}. The message names the file (by its name, not its
 * server path), where in it (line and column, or entry) and what is wrong — never a value read
 * from it, so an error shown to an API client cannot leak the file's contents (issue 18).
 */
public class DatasetFormatException extends InvalidInputException {
    public DatasetFormatException(Path file, String where, String problem) {
        super("location", name(file) + ": " + where + ": " + problem);
    }

    public DatasetFormatException(Path file, String where, String problem, Throwable cause) {
        super("location", name(file) + ": " + where + ": " + problem, cause);
    }

    /** "line L, column C" of a parser location. */
    static String at(JsonLocation location) {
        return location == null ? "unknown position" : "line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    /** Where a parser failed, without its message (Jackson quotes the offending text). */
    static String at(Exception e) {
        return e instanceof JsonProcessingException j ? at(j.getLocation()) : "unknown position";
    }

    private static String name(Path file) {
        return file.getFileName() == null ? file.toString() : file.getFileName().toString();
    }
}
