package io.h2rec.training.archfixture;

/** Fixture for rule 4. */
public class TrainingThing {
}
