package io.h2rec.adapter.out.dataset;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Timestamps as epoch numbers (seconds or milliseconds, decimals allowed) or ISO-8601 instants. */
final class Timestamps {
    private Timestamps() {
    }

    /**
     * A sortable long: a number is scaled by 1000 (so epoch seconds with a fraction keep
     * millisecond order), an ISO-8601 instant becomes epoch milliseconds.
     */
    static long parse(Path file, String record, String value) {
        String v = value.trim();
        try {
            BigDecimal d = new BigDecimal(v);
            return d.movePointRight(3).setScale(0, java.math.RoundingMode.HALF_UP).longValueExact();
        } catch (NumberFormatException | ArithmeticException notNumeric) {
            try {
                return Instant.parse(v).toEpochMilli();
            } catch (DateTimeParseException e) {
                throw new DatasetFormatException(file, record, "the timestamp is neither a number nor an ISO-8601 instant");
            }
        }
    }
}
