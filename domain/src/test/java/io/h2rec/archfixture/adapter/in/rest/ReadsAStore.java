package io.h2rec.archfixture.adapter.in.rest;

import io.h2rec.archfixture.port.out.OutPort;

/** Breaks rule 2d: a resource that reads an outbound port instead of calling a use case. */
public class ReadsAStore {
    OutPort store;

    public String get() {
        return String.valueOf(store);
    }
}
