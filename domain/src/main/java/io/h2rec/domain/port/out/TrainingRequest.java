package io.h2rec.domain.port.out;

import io.h2rec.domain.dataset.TrainingSideInputs;
import io.h2rec.domain.model.DatasetSplit;
import io.h2rec.domain.model.RunCheckpoints;
import io.h2rec.domain.model.SemanticSideInfo;
import io.h2rec.domain.model.TrainingListener;

import java.util.Map;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * One training job.
 *
 * @param config     resolved configuration (see {@link Trainer#resolveConfig})
 * @param validation the model-selection metric of a scorer on validation targets (higher is
 *                   better; early stopping watches it)
 * @param side       semantic IDs and text embeddings aligned to the split, or null for models
 *                   that use none
 * @param checkpoints where the trainer saves a checkpoint per epoch and finds the one to resume from
 * @param inputs     side inputs the use case computed (hot-start components, L_item positives)
 */
public record TrainingRequest(String model, Map<String, String> config, long seed, DatasetSplit split,
                              ToDoubleFunction<Scorer> validation, TrainingListener listener,
                              SemanticSideInfo side, RunCheckpoints checkpoints,
                              TrainingSideInputs inputs) {
    public TrainingRequest {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(split, "split");
        config = Map.copyOf(config);
        listener = listener == null ? TrainingListener.NONE : listener;
        checkpoints = checkpoints == null ? RunCheckpoints.NONE : checkpoints;
        inputs = inputs == null ? TrainingSideInputs.NONE : inputs;
    }

    /** Without checkpoints. */
    public TrainingRequest(String model, Map<String, String> config, long seed, DatasetSplit split,
                           ToDoubleFunction<Scorer> validation, TrainingListener listener, SemanticSideInfo side) {
        this(model, config, seed, split, validation, listener, side, RunCheckpoints.NONE, TrainingSideInputs.NONE);
    }
}
