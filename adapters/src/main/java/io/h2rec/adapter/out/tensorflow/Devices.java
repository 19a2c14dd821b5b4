package io.h2rec.adapter.out.tensorflow;

import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.RunMetadata;
import org.tensorflow.proto.RunOptions;

/**
 * Which device TensorFlow places work on: a traced run of a tiny op lists the devices of the
 * step. "GPU:0" when the CUDA runtime found a GPU, else "CPU (n threads)".
 */
final class Devices {
    private static volatile String gpu;

    private Devices() {
    }

    static String describe(int threads) {
        String g = gpu();
        return g.isEmpty() ? "CPU (" + threads + " threads)" : g;
    }

    private static String gpu() {
        if (gpu == null) {
            synchronized (Devices.class) {
                if (gpu == null) {
                    gpu = probe();
                }
            }
        }
        return gpu;
    }

    private static String probe() {
        try (Graph g = new Graph(); Session s = new Session(g)) {
            Ops tf = Ops.create(g);
            var x = tf.math.add(tf.constant(1f), tf.constant(2f));
            RunOptions options = RunOptions.newBuilder().setTraceLevel(RunOptions.TraceLevel.FULL_TRACE).build();
            try (Result r = s.runner().fetch(x).setOptions(options).runAndFetchMetadata()) {
                RunMetadata meta = r.getMetadata().orElse(null);
                if (meta == null) {
                    return "";
                }
                return meta.getStepStats().getDevStatsList().stream().map(d -> d.getDevice())
                        .filter(d -> d.contains("GPU")).map(d -> d.substring(d.indexOf("GPU"))).findFirst().orElse("");
            }
        } catch (RuntimeException e) {
            return "";
        }
    }
}
