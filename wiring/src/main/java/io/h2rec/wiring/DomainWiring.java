package io.h2rec.wiring;

import io.h2rec.adapter.out.artifacts.FileModelArtifactStore;
import io.h2rec.adapter.out.dataset.FileSequenceSource;
import io.h2rec.adapter.out.dataset.LetterIndexReader;
import io.h2rec.adapter.out.tensorflow.TfRqVaeQuantizer;
import io.h2rec.adapter.out.inference.JavaInferenceEngine;
import io.h2rec.adapter.out.tensorflow.TfTrainer;
import io.h2rec.adapter.out.textencoder.OnnxTextEncoder;
import io.h2rec.adapter.out.results.JsonlRunLedger;
import io.h2rec.adapter.out.runtime.RuntimeInfos;
import io.h2rec.domain.model.EvaluationProtocol;
import io.h2rec.domain.model.LeasePolicy;
import io.h2rec.domain.model.RuntimeInfo;
import io.h2rec.domain.port.in.PrepareDatasetUseCase;
import io.h2rec.domain.port.in.QuantizeCatalogUseCase;
import io.h2rec.domain.port.in.RegisterExperimentUseCase;
import io.h2rec.domain.port.in.RunPlanUseCase;
import io.h2rec.domain.port.in.TrainModelUseCase;
import io.h2rec.domain.port.out.CodebookStore;
import io.h2rec.domain.port.out.EmbeddingCache;
import io.h2rec.domain.port.out.ExperimentStore;
import io.h2rec.domain.port.out.ItemCatalog;
import io.h2rec.domain.port.out.ModelVersionStore;
import io.h2rec.domain.port.out.SequenceSource;
import io.h2rec.domain.baseline.PopularityTrainer;
import io.h2rec.domain.service.PrepareDatasetService;
import io.h2rec.domain.quantization.ProductQuantizer;
import io.h2rec.domain.service.QuantizeCatalogService;
import io.h2rec.domain.quantization.ResidualKMeansQuantizer;
import io.h2rec.domain.service.LedgerImportService;
import io.h2rec.domain.service.RunLedgerService;
import io.h2rec.domain.service.RunPlanService;
import io.h2rec.domain.service.CodebookResolver;
import io.h2rec.domain.service.RegisterExperimentService;
import io.h2rec.domain.dataset.SemanticSideInfoLoader;
import io.h2rec.domain.quantization.TextEmbeddings;
import io.h2rec.domain.service.TrainModelService;
import io.h2rec.domain.port.out.Trainers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.nio.file.Path;
import java.util.List;

/**
 * Wires the framework-free domain services of training to the adapters: datasets, quantization, trainers,
 * training runs, the run ledger and sweeps. The training service and the lab's commands (reproduce,
 * search, speed, ledger-*) run on it; what only the service answers (REST reads, activation, deployments)
 * is wired there. The domain stays annotation-free.
 */
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
    Trainers trainers(TrainingConfig config) {
        return trainers(config.threads() > 0 ? config.threads() : Runtime.getRuntime().availableProcessors());
    }

    /** Every trainer; also what the commands check models and parameters against before starting. */
    public static Trainers trainers(int threads) {
        return new Trainers(List.of(new PopularityTrainer(), new TfTrainer(threads)));
    }

    /** Quantization in-process, for the one-shot pipeline and reproduction commands. */
    @Produces
    @Singleton
    QuantizeCatalogUseCase quantizeCatalog(ItemCatalog catalog, CodebookStore codebooks, OnnxTextEncoder encoder,
                                           EmbeddingCache cache) {
        return new QuantizeCatalogService(catalog, codebooks, new TextEmbeddings(encoder, cache),
                List.of(new ResidualKMeansQuantizer(), new ProductQuantizer(), new TfRqVaeQuantizer()),
                new LetterIndexReader());
    }

    @Produces
    @Singleton
    TrainModelService.Outputs outputs(TrainingConfig config, ModelVersionStore versions, CodebookStore codebooks,
                                      OnnxTextEncoder encoder, EmbeddingCache cache) {
        return new TrainModelService.Outputs(new JavaInferenceEngine(),
                new FileModelArtifactStore(Path.of(config.artifactsDir())), versions,
                new SemanticSideInfoLoader(codebooks, new TextEmbeddings(encoder, cache)));
    }

    @Produces
    @Singleton
    RegisterExperimentUseCase registerExperiment(ExperimentStore store, ItemCatalog catalog, Trainers trainers,
                                                 CodebookStore codebooks, TrainingConfig config) {
        return new RegisterExperimentService(store, catalog, trainers, codebooks, memoryBudgetBytes(config));
    }

    /** The configured budget, or half of this machine's physical memory. */
    static long memoryBudgetBytes(TrainingConfig config) {
        if (config.memoryBudgetMb() > 0) {
            return config.memoryBudgetMb() << 20;
        }
        var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getTotalMemorySize() / 2;
        }
        return Runtime.getRuntime().maxMemory();
    }

    @Produces
    @Singleton
    TrainModelUseCase trainModel(ExperimentStore store, PrepareDatasetUseCase datasets, Trainers trainers,
                                 EvaluationProtocol protocol, TrainModelService.Outputs outputs,
                                 RuntimeInfo runtime, TrainingConfig config) {
        String name = config.ownerId().filter(s -> !s.isBlank()).orElse(runtime.host());
        return new TrainModelService(store, datasets, trainers, protocol, runtime, outputs,
                new LeasePolicy(LeasePolicy.ownerId(name), config.heartbeatSeconds(), config.leaseSeconds()));
    }

    @Produces
    @Singleton
    RunLedgerService runLedger(TrainingConfig config, ExperimentStore store, CodebookStore codebooks, Trainers trainers,
                               EvaluationProtocol protocol) {
        return new RunLedgerService(new JsonlRunLedger(Path.of(config.ledgerDir())), store, codebooks, trainers, protocol);
    }

    @Produces
    @Singleton
    LedgerImportService ledgerImport(PrepareDatasetUseCase datasets, RunLedgerService ledger, ExperimentStore store,
                                     CodebookStore codebooks, EvaluationProtocol protocol) {
        return new LedgerImportService(datasets, ledger, store, codebooks, protocol);
    }

    @Produces
    @Singleton
    CodebookResolver codebookResolver(CodebookStore codebooks, QuantizeCatalogUseCase quantize, OnnxTextEncoder encoder) {
        return new CodebookResolver(codebooks, quantize, encoder.id());
    }

    @Produces
    @Singleton
    RunPlanUseCase runPlan(PrepareDatasetUseCase datasets, CodebookResolver codebooks, Trainers trainers,
                           ExperimentStore store, RegisterExperimentUseCase experiments, TrainModelUseCase training,
                           RunLedgerService ledger) {
        return new RunPlanService(datasets, codebooks, trainers, store, experiments, training, ledger);
    }

    @Produces
    @Singleton
    RuntimeInfo runtimeInfo() {
        return RuntimeInfos.current();
    }
}
