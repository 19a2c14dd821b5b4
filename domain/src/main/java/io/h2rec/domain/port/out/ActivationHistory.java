package io.h2rec.domain.port.out;

import io.h2rec.domain.model.ModelActivation;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Every activation of a model version, kept with the activation itself: "what was in production at time t". */
public interface ActivationHistory {
    /** Newest first, at most {@code limit}. */
    List<ModelActivation> activations(int limit);

    /** The activation in force at {@code at}: the latest one at or before it. */
    Optional<ModelActivation> activeAt(Instant at);
}
