package io.h2rec.domain.port.in;

import io.h2rec.domain.model.SemanticId;

/** Cold start: a semantic ID for an item the codebook has never seen, with no retraining. */
public interface AssignSemanticIdUseCase {
    /**
     * @throws io.h2rec.domain.error.NotFoundException unknown codebook
     * @throws io.h2rec.domain.error.InvalidInputException item already coded (item), or empty text (fields)
     * @throws io.h2rec.domain.error.ConflictException the codebook cannot assign (imported codes carry no vectors)
     */
    SemanticId assign(AssignSemanticIdCommand command);
}
