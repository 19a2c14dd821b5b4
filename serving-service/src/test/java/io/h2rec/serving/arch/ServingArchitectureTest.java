package io.h2rec.serving.arch;

import io.h2rec.arch.ArchitectureRules;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertThrows;

/** Rules 3, 4 and 6 on this service's production classes; its classpath holds only what it runs. */
class ServingArchitectureTest {
    @Test
    void technologiesStayInTheirAdaptersAndServicesApart() {
        ArchitectureRules.checkService("io.h2rec.serving");
    }

    /** Serving runs exported weights in plain Java: its pom names no TensorFlow or text-encoder module. */
    @Test
    void neitherTensorFlowNorTheTextEncoderIsOnTheClasspath() {
        for (String absent : new String[] {"org.tensorflow.Graph", "io.h2rec.adapter.out.tensorflow.TfTrainer",
                "io.h2rec.adapter.out.textencoder.OnnxTextEncoder", "dev.langchain4j.model.embedding.EmbeddingModel"}) {
            assertThrows(ClassNotFoundException.class, () -> Class.forName(absent), absent);
        }
    }
}
