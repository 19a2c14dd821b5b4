package io.h2rec.adapter.out.dataset;

import java.nio.file.Path;

/** A malformed record: the message names the file and the record, never a silent skip. */
public class DatasetFormatException extends IllegalArgumentException {
    public DatasetFormatException(Path file, String record, String problem) {
        super(file + ": " + record + ": " + problem);
    }

    public DatasetFormatException(Path file, String record, String problem, Throwable cause) {
        super(file + ": " + record + ": " + problem, cause);
    }
}
