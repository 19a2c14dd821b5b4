package io.h2rec.wiring.archfixture;

/** Stands in for the wiring in the rule-2e fixture. */
public class Wired {
}
