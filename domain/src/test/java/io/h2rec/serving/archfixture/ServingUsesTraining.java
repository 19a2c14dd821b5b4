package io.h2rec.serving.archfixture;

import io.h2rec.training.archfixture.TrainingThing;

/** Breaks rule 4 on purpose: serving code calling training code. */
public class ServingUsesTraining {
    TrainingThing thing = new TrainingThing();
}
