package io.h2rec.training.config;

import io.h2rec.adapter.in.metrics.StateGauge;
import io.h2rec.domain.model.EvaluationProtocol;
import io.h2rec.domain.port.in.ManageDeploymentsUseCase;
import io.h2rec.domain.port.in.PrepareDatasetUseCase;
import io.h2rec.domain.port.in.ReplayVariantsUseCase;
import io.h2rec.domain.port.out.ActivationHistory;
import io.h2rec.domain.port.out.AuditLog;
import io.h2rec.domain.port.out.DeploymentStore;
import io.h2rec.domain.port.out.ExperimentStore;
import io.h2rec.domain.port.out.ItemCatalog;
import io.h2rec.domain.port.out.ModelVersionStore;
import io.h2rec.domain.service.ActivateModelVersionService;
import io.h2rec.domain.service.DeploymentService;
import io.h2rec.domain.service.RegistryQueryService;
import io.h2rec.domain.service.ReplayVariantsService;
import io.h2rec.domain.service.TrainModelService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * What only the training service answers, over the shared wiring (io.h2rec.wiring.DomainWiring: datasets,
 * quantization, training, the ledger): the registry's REST reads, activation, aliases and splits, the
 * replay of a split, the run gauges.
 */
@ApplicationScoped
public class RegistryWiring {

    /** The registry's reads for the REST API: datasets, experiments, runs, model versions, audit trail. */
    @Produces
    @Singleton
    RegistryQueryService registryQueries(ItemCatalog catalog, ExperimentStore store, ModelVersionStore versions,
                                         ActivationHistory history, AuditLog audit) {
        return new RegistryQueryService(catalog, store, versions, history, audit);
    }

    @Produces
    @Singleton
    ActivateModelVersionService activateModelVersion(ModelVersionStore versions) {
        return new ActivateModelVersionService(versions);
    }

    @Produces
    @Singleton
    ManageDeploymentsUseCase manageDeployments(DeploymentStore deployments) {
        return new DeploymentService(deployments);
    }

    /** {@code h2rec_training_runs{state=...}} at /q/metrics (registered by the web adapter's StateGauges). */
    @Produces
    @Singleton
    StateGauge runsByState(ExperimentStore runs) {
        return new StateGauge("h2rec.training.runs", "Runs in the registry by state", s -> runs.findByStatus(s).size());
    }

    @Produces
    @Singleton
    ReplayVariantsUseCase replayVariants(DeploymentStore deployments, ModelVersionStore versions,
                                         ExperimentStore store, PrepareDatasetUseCase datasets,
                                         TrainModelService.Outputs outputs, EvaluationProtocol protocol) {
        return new ReplayVariantsService(deployments, versions, store, datasets, outputs.artifacts(),
                outputs.inference(), protocol);
    }
}
