package io.h2rec.lab.report;

import io.h2rec.domain.model.EvalTarget;
import io.h2rec.domain.model.MetricValue;
import io.h2rec.domain.model.Protocol;
import io.h2rec.domain.model.Run;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * One finished run as the reports see it.
 *
 * @param model   the label in the result files (registry model name, plus the quantizer for swaps)
 * @param changes its parameters that differ from its model's defaults (ModelCheck.changes), e.g. {hidden=128}
 */
public record RunResult(String model, long seed, Run run, List<MetricValue> metrics, Map<String, String> changes) {
    public RunResult {
        changes = Collections.unmodifiableMap(new TreeMap<>(changes));   // sorted: the report names them in order
    }

    public RunResult(String model, long seed, Run run, List<MetricValue> metrics) {
        this(model, seed, run, metrics, Map.of());
    }

    public OptionalDouble test(Protocol protocol, String group, String metric, int k) {
        return metrics.stream().filter(m -> m.split() == EvalTarget.TEST && m.protocol() == protocol
                        && m.group().equals(group) && m.metric().equals(metric) && m.k() == k)
                .mapToDouble(MetricValue::value).findFirst();
    }
}
