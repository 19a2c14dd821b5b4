package io.h2rec.archfixture.port.out;

import io.h2rec.archfixture.port.in.InPort;

/** Breaks rule 2 on purpose: an outbound port that names a use case. */
public interface OutPortUsingInPort {
    InPort useCase();
}
