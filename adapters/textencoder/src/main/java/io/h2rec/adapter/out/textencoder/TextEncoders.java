package io.h2rec.adapter.out.textencoder;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The text encoder of a service that embeds item text (quantizer: codebooks and cold start; training:
 * the semantic side inputs). It loads its ONNX model only when texts missing from the embedding cache
 * are encoded, and is closed with the application.
 */
@ApplicationScoped
public class TextEncoders {
    @Produces
    @Singleton
    OnnxTextEncoder textEncoder(@ConfigProperty(name = "h2rec.text-encoder", defaultValue = OnnxTextEncoder.DEFAULT)
                                String encoderId) {
        return new OnnxTextEncoder(encoderId);
    }

    void close(@Disposes OnnxTextEncoder encoder) {
        encoder.close();
    }
}
