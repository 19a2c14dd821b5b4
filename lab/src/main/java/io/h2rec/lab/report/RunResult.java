package io.h2rec.lab.report;

import io.h2rec.domain.model.EvalTarget;
import io.h2rec.domain.model.MetricValue;
import io.h2rec.domain.model.Protocol;
import io.h2rec.domain.model.Run;

import java.util.List;
import java.util.OptionalDouble;

/**
 * One finished run as the reports see it.
 *
 * @param model the label in the result files (registry model name, plus the quantizer for swaps)
 */
public record RunResult(String model, long seed, Run run, List<MetricValue> metrics) {
    public OptionalDouble test(Protocol protocol, String group, String metric, int k) {
        return metrics.stream().filter(m -> m.split() == EvalTarget.TEST && m.protocol() == protocol
                        && m.group().equals(group) && m.metric().equals(metric) && m.k() == k)
                .mapToDouble(MetricValue::value).findFirst();
    }
}
