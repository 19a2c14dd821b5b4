package io.h2rec.domain.port.in;

import io.h2rec.domain.error.InvalidInputException;
import io.h2rec.domain.model.EvalTarget;

import java.util.List;
import java.util.Objects;

/** Runs to compare on one split's metrics, in the order they are shown. */
public record CompareRunsQuery(List<Long> runIds, EvalTarget split) {
    /** How many runs one comparison shows at most. */
    public static final int MAX_RUNS = 50;

    public CompareRunsQuery {
        Objects.requireNonNull(split, "split");
        runIds = List.copyOf(runIds);
        if (runIds.size() > MAX_RUNS) {
            throw new InvalidInputException("runIds", "compare at most " + MAX_RUNS + " runs, got " + runIds.size());
        }
    }
}
