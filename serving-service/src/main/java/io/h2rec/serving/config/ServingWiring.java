package io.h2rec.serving.config;

import io.h2rec.adapter.out.artifacts.FileModelArtifactStore;
import io.h2rec.adapter.out.inference.JavaInferenceEngine;
import io.h2rec.adapter.out.inference.retrieval.HnswIndexer;
import io.h2rec.adapter.out.inference.retrieval.RetrievalConfig;
import io.h2rec.domain.port.in.RankItemsUseCase;
import io.h2rec.domain.port.out.CandidateIndexer;
import io.h2rec.domain.port.out.InferenceEngine;
import io.h2rec.domain.port.out.ModelArtifactStore;
import io.h2rec.domain.service.RankItemsService;
import io.h2rec.serving.model.ModelHolder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.nio.file.Path;

/** Wires the ranking use case to the loaded model, the artifact store and the candidate indexer. */
@ApplicationScoped
public class ServingWiring {

    @Produces
    @Singleton
    InferenceEngine inferenceEngine() {
        return new JavaInferenceEngine();
    }

    /** Settings out of range stop startup with the key's name and bounds. */
    @Produces
    @Singleton
    CandidateIndexer candidateIndexer(ServingConfig config) {
        ServingConfig.Retrieval r = config.retrieval();
        if (r.minItems() < 1) {
            throw new IllegalStateException("h2rec.serving.retrieval.min-items must be at least 1, was " + r.minItems());
        }
        try {
            return new HnswIndexer(new RetrievalConfig(r.minItems(), r.candidates(), r.maxConn(), r.beamWidth(),
                    r.buildThreads(), RetrievalConfig.defaults().seed()));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(e.getMessage().replaceFirst("^retrieval ", "h2rec.serving.retrieval."), e);
        }
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
