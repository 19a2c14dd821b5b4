package io.h2rec.archfixture.port.in;

import io.h2rec.archfixture.port.out.OutPort;

/** Breaks rule 2 on purpose: a use case that names an outbound port. */
public interface InPortUsingOutPort {
    OutPort port();
}
