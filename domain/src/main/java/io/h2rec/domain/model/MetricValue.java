package io.h2rec.domain.model;

import java.util.Objects;

/**
 * One number of an evaluation: e.g. (test, full, tail, NDCG, 10) = 0.0123. Metric "support" is the
 * number of users in the group, with k = 0.
 */
public record MetricValue(EvalTarget split, Protocol protocol, String group, String metric, int k, double value) {
    public static final String HR = "HR";
    public static final String NDCG = "NDCG";
    public static final String SUPPORT = "support";

    public MetricValue {
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(metric, "metric");
    }

    /** A value this metric can take: HR and NDCG in [0, 1] at k > 0, support a whole count of users; other names none. */
    public boolean inRange() {
        return switch (metric) {
            case HR, NDCG -> value >= 0 && value <= 1 && k > 0;
            case SUPPORT -> Double.isFinite(value) && value >= 0 && value == Math.rint(value);
            default -> false;
        };
    }
}
