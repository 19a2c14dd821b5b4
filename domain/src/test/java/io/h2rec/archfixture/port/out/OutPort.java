package io.h2rec.archfixture.port.out;

/** Fixture for rule 2. */
public interface OutPort {
}
