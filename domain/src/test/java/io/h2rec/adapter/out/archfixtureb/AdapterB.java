package io.h2rec.adapter.out.archfixtureb;

/** Fixture for rule 2. */
public class AdapterB {
}
