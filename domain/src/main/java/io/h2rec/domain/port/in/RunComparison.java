package io.h2rec.domain.port.in;

import io.h2rec.domain.model.EvalTarget;
import io.h2rec.domain.model.Run;

import java.util.List;

/**
 * Runs side by side: their models (in the order of {@code runs}) and one row per metric of the split.
 *
 * @param rows in the order the first run that has a metric lists it (the store's order)
 */
public record RunComparison(EvalTarget split, List<Run> runs, List<String> models, List<Row> rows) {
    /** One metric across the runs; a value is null where a run lacks it. */
    public record Row(String protocol, String group, String metric, int k, List<Double> values) {
    }
}
