package io.h2rec.domain.archfixture;

import io.h2rec.domain.error.InvalidInputException;

/** Breaks rule 5: an error kind of the domain outside domain.error. */
public class StrayDomainException extends InvalidInputException {
    public StrayDomainException() {
        super("field", "stray");
    }
}
