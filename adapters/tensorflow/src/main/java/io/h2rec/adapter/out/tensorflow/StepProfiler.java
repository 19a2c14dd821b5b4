package io.h2rec.adapter.out.tensorflow;

import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.proto.DeviceStepStats;
import org.tensorflow.proto.NodeExecStats;
import org.tensorflow.proto.RunMetadata;
import org.tensorflow.proto.RunOptions;

import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;

/**
 * Where a training step's time goes, for speed work: with {@code -Dh2rec.profile=N} the trainer
 * traces steps N..N+9 of a run (TensorFlow's FULL_TRACE step stats) and prints the summed op time
 * per op type and the slowest nodes to standard error. Off by default; tracing slows the traced steps.
 */
final class StepProfiler {
    private static final int TRACED = 10;
    private final long first;
    private final Map<String, Long> byType = new HashMap<>();
    private final Map<String, Long> byNode = new HashMap<>();
    private long wall;

    private StepProfiler(long first) {
        this.first = first;
    }

    /** The profiler the system property asks for, or null. */
    static StepProfiler fromSystemProperty() {
        String v = System.getProperty("h2rec.profile");
        return v == null || v.isBlank() ? null : new StepProfiler(Long.parseLong(v.trim()));
    }

    boolean traces(long step) {
        return step >= first && step < first + TRACED;
    }

    /** Runs the step traced, records its op times, and prints the summary after the last traced step. */
    Result run(Session.Runner runner, long step) {
        long t0 = System.nanoTime();
        Result r = runner.setOptions(RunOptions.newBuilder().setTraceLevel(RunOptions.TraceLevel.FULL_TRACE).build())
                .runAndFetchMetadata();
        wall += System.nanoTime() - t0;
        r.getMetadata().map(RunMetadata::getStepStats).ifPresent(stats -> {
            for (DeviceStepStats dev : stats.getDevStatsList()) {
                for (NodeExecStats n : dev.getNodeStatsList()) {
                    long micros = n.getOpEndRelMicros() - n.getOpStartRelMicros();
                    byType.merge(type(n), micros, Long::sum);
                    byNode.merge(n.getNodeName(), micros, Long::sum);
                }
            }
        });
        if (step == first + TRACED - 1) {
            print();
        }
        return r;
    }

    /** The op type from the timeline label "name = Type(args)", else the node name without its _N suffix. */
    private static String type(NodeExecStats n) {
        String label = n.getTimelineLabel();
        int eq = label.indexOf(" = ");
        int paren = label.indexOf('(', Math.max(eq, 0));
        if (eq >= 0 && paren > eq) {
            return label.substring(eq + 3, paren);
        }
        return n.getNodeName().replaceAll("_\\d+$", "");
    }

    private void print() {
        long total = byType.values().stream().mapToLong(Long::longValue).sum();
        System.err.printf("[profile] steps %d-%d: wall %.1f ms/step, op time %.1f ms/step (summed over threads)%n",
                first, first + TRACED - 1, wall / 1e6 / TRACED, total / 1e3 / TRACED);
        top("op type", byType, total);
        top("node", byNode, total);
    }

    private static void top(String what, Map<String, Long> m, long total) {
        m.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())).limit(25)
                .forEach(e -> System.err.printf("[profile]   %-8s %-50s %7.1f ms/step %5.1f%%%n", what, e.getKey(),
                        e.getValue() / 1e3 / TRACED, 100.0 * e.getValue() / Math.max(1, total)));
    }
}
