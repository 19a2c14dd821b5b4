package io.h2rec.domain.archfixture;

/** Breaks rule 1 on purpose: a domain class using a non-JDK type. */
public class UsesALibrary {
    public Object leak() {
        return org.junit.jupiter.api.Assertions.class;
    }
}
