package io.h2rec.training.adapter.in.cli;

import io.h2rec.domain.model.EvalTarget;
import io.h2rec.domain.model.MetricValue;
import io.h2rec.domain.model.Protocol;

import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** The head/tail table of one run's test metrics: both protocols, every group, with support. */
final class ResultTable {
    private ResultTable() {
    }

    static String format(String title, List<MetricValue> values) {
        StringBuilder sb = new StringBuilder();
        sb.append(title).append(" - test split, HR/NDCG at 10 and 20, pessimistic ties\n");
        sb.append(String.format("%-11s %-8s %7s %8s %8s %8s %8s%n", "protocol", "group", "users", "HR@10", "NDCG@10",
                "HR@20", "NDCG@20"));
        for (Protocol p : new Protocol[] {Protocol.FULL, Protocol.SAMPLED100}) {
            Set<String> groups = new LinkedHashSet<>();
            for (MetricValue v : values) {
                if (v.split() == EvalTarget.TEST && v.protocol() == p) {
                    groups.add(v.group());
                }
            }
            for (String g : order(groups)) {
                sb.append(String.format("%-11s %-8s %7.0f %8s %8s %8s %8s%n", p.label(), g,
                        find(values, p, g, MetricValue.SUPPORT, 0), fmt(find(values, p, g, MetricValue.HR, 10)),
                        fmt(find(values, p, g, MetricValue.NDCG, 10)), fmt(find(values, p, g, MetricValue.HR, 20)),
                        fmt(find(values, p, g, MetricValue.NDCG, 20))));
            }
        }
        return sb.toString();
    }

    /** overall, head, tail, cold (temporal split), then popularity buckets by their lower edge ("b1_9" before "b10_29"). */
    static List<String> order(Set<String> groups) {
        List<String> first = List.of("overall", "head", "tail", "cold");
        List<String> buckets = groups.stream().filter(g -> !first.contains(g))
                .sorted(Comparator.comparingInt(ResultTable::lowerEdge).thenComparing(g -> g)).toList();
        return Stream.concat(first.stream().filter(groups::contains), buckets.stream()).toList();
    }

    private static int lowerEdge(String bucket) {
        int end = bucket.indexOf('_');
        try {
            return Integer.parseInt(bucket.substring(1, end < 0 ? bucket.length() : end));
        } catch (RuntimeException e) {
            return Integer.MAX_VALUE;
        }
    }

    private static double find(List<MetricValue> values, Protocol p, String group, String metric, int k) {
        for (MetricValue v : values) {
            if (v.split() == EvalTarget.TEST && v.protocol() == p && v.group().equals(group)
                    && v.metric().equals(metric) && v.k() == k) {
                return v.value();
            }
        }
        return Double.NaN;
    }

    static String fmt(double v) {
        return Double.isNaN(v) ? "-" : String.format("%.4f", v);
    }
}
