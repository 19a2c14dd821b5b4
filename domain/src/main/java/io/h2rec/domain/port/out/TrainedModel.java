package io.h2rec.domain.port.out;

import io.h2rec.domain.model.ModelWeights;
import io.h2rec.domain.model.RunProgress;

import java.util.Map;

/**
 * The outcome of training: a scorer holding the best checkpoint's weights, the resolved
 * configuration and where it ran. Closing it frees native resources.
 */
public interface TrainedModel extends AutoCloseable {
    /** Scores with the best checkpoint, in the trainer's own runtime (fast batched validation). */
    Scorer scorer();

    /** The best checkpoint as plain arrays: what is exported and served. */
    ModelWeights weights();

    /** The configuration actually used, defaults included. */
    Map<String, String> resolvedConfig();

    /** What computed it, e.g. "CPU (2 threads)". */
    String device();

    RunProgress finalProgress();

    @Override
    default void close() {
    }
}
