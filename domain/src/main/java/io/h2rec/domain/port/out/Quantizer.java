package io.h2rec.domain.port.out;

import io.h2rec.domain.model.JobListener;
import io.h2rec.domain.model.QuantizerConfig;

import java.util.Set;

/** Learns L codebooks of K codes over item embeddings and assigns every item its codes. */
public interface Quantizer {
    /** The name configs select it by: rqkmeans, rqvae, pq. */
    String name();

    /** Option names it accepts in {@link QuantizerConfig#options()}; others are an error. */
    Set<String> options();

    /**
     * Checks every option's value against its range before any work starts (no value may reach a
     * native crash or an endless loop).
     *
     * @throws io.h2rec.domain.error.InvalidInputException naming the option ("options.batch")
     */
    void validate(QuantizerConfig config);

    /** Where it computes, e.g. "CPU (2 threads)". */
    String device();

    /**
     * @param embeddings one row per item, all the same dimension
     * @return codes per row and the model that assigns new items
     */
    QuantizationResult fit(float[][] embeddings, QuantizerConfig config, JobListener listener);
}
