package io.h2rec.domain.service;

import io.h2rec.domain.error.NotFoundException;
import io.h2rec.domain.model.DeploymentChange;
import io.h2rec.domain.model.ModelAlias;
import io.h2rec.domain.model.TrafficSplit;
import io.h2rec.domain.port.in.ManageDeploymentsUseCase;
import io.h2rec.domain.port.out.DeploymentStore;

import java.util.List;

/** Aliases and traffic splits: each change is one store transaction with its change-log row. */
public final class DeploymentService implements ManageDeploymentsUseCase {
    private final DeploymentStore store;

    public DeploymentService(DeploymentStore store) {
        this.store = store;
    }

    @Override
    public List<ModelAlias> aliases() {
        return store.aliases();
    }

    @Override
    public ModelAlias alias(String name) {
        return store.alias(name).orElseThrow(() -> new NotFoundException("alias", name));
    }

    @Override
    public ModelAlias pointAlias(String name, long modelVersionId, String actor) {
        return store.setAlias(ModelAlias.checkName("name", name), modelVersionId, actor);
    }

    @Override
    public void deleteAlias(String name, String actor) {
        if (!store.deleteAlias(name, actor)) {
            throw new NotFoundException("alias", name);
        }
    }

    @Override
    public List<TrafficSplit> deployments() {
        return store.deployments();
    }

    @Override
    public TrafficSplit deployment(String name) {
        return store.deployment(name).orElseThrow(() -> new NotFoundException("deployment", name));
    }

    @Override
    public TrafficSplit split(TrafficSplit split, String actor) {
        return store.setDeployment(split, actor);
    }

    @Override
    public void deleteDeployment(String name, String actor) {
        if (!store.deleteDeployment(name, actor)) {
            throw new NotFoundException("deployment", name);
        }
    }

    @Override
    public List<DeploymentChange> changes(int limit) {
        return store.changes(limit);
    }
}
