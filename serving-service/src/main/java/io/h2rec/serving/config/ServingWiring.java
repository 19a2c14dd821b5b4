package io.h2rec.serving.config;

import io.h2rec.adapter.out.artifacts.FileModelArtifactStore;
import io.h2rec.adapter.out.inference.JavaInferenceEngine;
import io.h2rec.domain.port.in.RankItemsUseCase;
import io.h2rec.domain.port.out.InferenceEngine;
import io.h2rec.domain.port.out.ModelArtifactStore;
import io.h2rec.domain.service.RankItemsService;
import io.h2rec.serving.model.ModelHolder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.nio.file.Path;

/** Wires the ranking use case to the loaded model and the artifact store. */
@ApplicationScoped
public class ServingWiring {

    @Produces
    @Singleton
    InferenceEngine inferenceEngine() {
        return new JavaInferenceEngine();
    }

    @Produces
    @Singleton
    ModelArtifactStore artifacts(ServingConfig config) {
        return new FileModelArtifactStore(Path.of(config.artifactsDir()));
    }

    @Produces
    @Singleton
    RankItemsUseCase rankItems(ModelHolder holder) {
        return new RankItemsService(holder::current);
    }
}
