package io.h2rec.archfixture.port.in;

/** Fixture for rule 2. */
public interface InPort {
}
