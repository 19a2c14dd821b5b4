package io.h2rec.domain.port.in;

import io.h2rec.domain.model.SemanticId;

/** Cold start: a semantic ID for an item the codebook has never seen, with no retraining. */
public interface AssignSemanticIdUseCase {
    /**
     * @throws IllegalArgumentException unknown codebook, item already coded, or empty text
     * @throws IllegalStateException    the codebook cannot assign (imported codes carry no vectors)
     */
    SemanticId assign(AssignSemanticIdCommand command);
}
