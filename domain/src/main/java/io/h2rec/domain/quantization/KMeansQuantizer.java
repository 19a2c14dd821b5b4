package io.h2rec.domain.quantization;

import io.h2rec.domain.model.QuantizerConfig;
import io.h2rec.domain.port.out.Quantizer;

import java.util.Set;

/** What the two k-means quantizers share: pure Java on every core, one option (iterations, 1..1000). */
abstract class KMeansQuantizer implements Quantizer {
    static final int DEFAULT_ITERATIONS = 30;
    static final int MAX_ITERATIONS = 1000;

    @Override
    public void validate(QuantizerConfig config) {
        QuantizerSupport.checkOptions(this, config);
        iterations(config);
    }

    static int iterations(QuantizerConfig config) {
        return QuantizerSupport.intOption(config, "iterations", DEFAULT_ITERATIONS, 1, MAX_ITERATIONS);
    }

    @Override
    public Set<String> options() {
        return Set.of("iterations");
    }

    @Override
    public String device() {
        return "CPU (" + Runtime.getRuntime().availableProcessors() + " threads, pure Java)";
    }
}
