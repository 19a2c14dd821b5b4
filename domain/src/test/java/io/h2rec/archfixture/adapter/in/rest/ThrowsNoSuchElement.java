package io.h2rec.archfixture.adapter.in.rest;

import java.util.NoSuchElementException;

/** Breaks rule 5: a resource that answers a miss with a JDK exception instead of NotFoundException. */
public class ThrowsNoSuchElement {
    public String get(String id) {
        throw new NoSuchElementException("unknown " + id);
    }
}
