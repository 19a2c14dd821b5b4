package io.h2rec.adapter.out.archfixtureb;

import io.h2rec.wiring.archfixture.Wired;

/** Breaks rule 2e on purpose: an adapter importing the wiring above it. */
public class UsesTheWiring {
    Wired wiring = new Wired();
}
