package io.h2rec.domain.model;

import java.util.List;
import java.util.OptionalDouble;

/** All numbers of one evaluation, per split, protocol, group, metric and K. */
public record EvaluationResult(EvaluationProtocol protocol, List<MetricValue> values) {
    public static final String OVERALL = "overall";
    public static final String HEAD = "head";
    public static final String TAIL = "tail";
    /** Temporal split only: targets whose item has no training interaction (also counted in tail and b1_9). */
    public static final String COLD = "cold";

    public EvaluationResult {
        values = List.copyOf(values);
    }

    public OptionalDouble find(EvalTarget split, Protocol p, String group, String metric, int k) {
        for (MetricValue v : values) {
            if (v.split() == split && v.protocol() == p && v.group().equals(group) && v.metric().equals(metric)
                    && v.k() == k) {
                return OptionalDouble.of(v.value());
            }
        }
        return OptionalDouble.empty();
    }

    /** The value, or NaN when the group was empty or not evaluated. */
    public double get(EvalTarget split, Protocol p, String group, String metric, int k) {
        return find(split, p, group, metric, k).orElse(Double.NaN);
    }

    public EvaluationResult merge(EvaluationResult other) {
        List<MetricValue> all = new java.util.ArrayList<>(values);
        all.addAll(other.values);
        return new EvaluationResult(protocol, all);
    }
}
