package io.h2rec.domain.service;

import io.h2rec.domain.port.out.Quantizer;

import java.util.Set;

/** What the two k-means quantizers share: pure Java on every core, one option (iterations). */
abstract class KMeansQuantizer implements Quantizer {
    static final int DEFAULT_ITERATIONS = 30;

    @Override
    public Set<String> options() {
        return Set.of("iterations");
    }

    @Override
    public String device() {
        return "CPU (" + Runtime.getRuntime().availableProcessors() + " threads, pure Java)";
    }
}
