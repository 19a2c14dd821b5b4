package io.h2rec.training.config;

import io.h2rec.adapter.out.dataset.FileSequenceSource;
import io.h2rec.adapter.out.runtime.RuntimeInfos;
import io.h2rec.domain.model.EvaluationProtocol;
import io.h2rec.domain.port.in.PrepareDatasetUseCase;
import io.h2rec.domain.port.in.RegisterExperimentUseCase;
import io.h2rec.domain.port.in.TrainModelUseCase;
import io.h2rec.domain.port.out.ExperimentStore;
import io.h2rec.domain.port.out.ItemCatalog;
import io.h2rec.domain.port.out.SequenceSource;
import io.h2rec.domain.service.PopularityTrainer;
import io.h2rec.domain.service.PrepareDatasetService;
import io.h2rec.domain.service.RegisterExperimentService;
import io.h2rec.domain.service.TrainModelService;
import io.h2rec.domain.service.Trainers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.util.List;

/** Wires the framework-free domain services to the adapters. The domain stays annotation-free. */
@ApplicationScoped
public class DomainWiring {

    @Produces
    @Singleton
    SequenceSource sequenceSource() {
        return new FileSequenceSource();
    }

    @Produces
    @Singleton
    EvaluationProtocol evaluationProtocol() {
        return EvaluationProtocol.DEFAULT;
    }

    @Produces
    @Singleton
    PrepareDatasetUseCase prepareDataset(SequenceSource source, ItemCatalog catalog) {
        return new PrepareDatasetService(source, catalog);
    }

    @Produces
    @Singleton
    Trainers trainers() {
        return new Trainers(List.of(new PopularityTrainer()));
    }

    @Produces
    @Singleton
    RegisterExperimentUseCase registerExperiment(ExperimentStore store, ItemCatalog catalog, Trainers trainers) {
        return new RegisterExperimentService(store, catalog, trainers);
    }

    @Produces
    @Singleton
    TrainModelUseCase trainModel(ExperimentStore store, PrepareDatasetUseCase datasets, Trainers trainers,
                                 EvaluationProtocol protocol) {
        return new TrainModelService(store, datasets, trainers, protocol, RuntimeInfos.current());
    }
}
