package io.h2rec.domain.port.out;

import io.h2rec.domain.model.DeploymentChange;
import io.h2rec.domain.model.ModelAlias;
import io.h2rec.domain.model.RoutedVersion;
import io.h2rec.domain.model.TrafficSplit;

import java.util.List;
import java.util.Optional;

/**
 * Aliases (a name -> a model version) and deployments (a weighted split over aliases). Every write
 * is one transaction that also appends its {@link DeploymentChange}; serving hears of it on commit.
 */
public interface DeploymentStore {
    List<ModelAlias> aliases();

    Optional<ModelAlias> alias(String name);

    /**
     * Points the alias at this version, creating the alias if it is new.
     *
     * @throws io.h2rec.domain.error.NotFoundException when the version does not exist
     */
    ModelAlias setAlias(String name, long modelVersionId, String actor);

    /**
     * @return false when there was no such alias
     * @throws io.h2rec.domain.error.ConflictException while a deployment routes to it
     */
    boolean deleteAlias(String name, String actor);

    List<TrafficSplit> deployments();

    Optional<TrafficSplit> deployment(String name);

    /**
     * Replaces the deployment's routes (creating it if new), all in one transaction.
     *
     * @throws io.h2rec.domain.error.InvalidInputException naming a route whose alias does not exist
     */
    TrafficSplit setDeployment(TrafficSplit split, String actor);

    /** @return false when there was no such deployment */
    boolean deleteDeployment(String name, String actor);

    /** The change log, newest first, at most {@code limit}. */
    List<DeploymentChange> changes(int limit);

    /**
     * The deployment's routes with each alias resolved to its version, as of one instant (what serving
     * loads); empty when no such deployment exists.
     */
    Optional<List<RoutedVersion>> resolve(String deployment);
}
