package io.h2rec.domain.port.in;

import io.h2rec.domain.model.DeploymentChange;
import io.h2rec.domain.model.ModelAlias;
import io.h2rec.domain.model.TrafficSplit;

import java.util.List;

/**
 * Aliases (a name -> a model version) and deployments (serving's traffic split over aliases): reads,
 * and changes recorded with who made them. Each change is atomic and reaches serving on commit.
 */
public interface ManageDeploymentsUseCase {
    List<ModelAlias> aliases();

    /** @throws io.h2rec.domain.error.NotFoundException unknown alias */
    ModelAlias alias(String name);

    /**
     * Points the alias at the version, creating the alias if new.
     *
     * @throws io.h2rec.domain.error.InvalidInputException a malformed or reserved name
     * @throws io.h2rec.domain.error.NotFoundException     unknown version
     */
    ModelAlias pointAlias(String name, long modelVersionId, String actor);

    /**
     * @throws io.h2rec.domain.error.NotFoundException unknown alias
     * @throws io.h2rec.domain.error.ConflictException a deployment routes to it
     */
    void deleteAlias(String name, String actor);

    List<TrafficSplit> deployments();

    /** @throws io.h2rec.domain.error.NotFoundException unknown deployment */
    TrafficSplit deployment(String name);

    /**
     * Replaces the deployment's split at once (creating the deployment if new).
     *
     * @throws io.h2rec.domain.error.InvalidInputException a route to an alias that does not exist
     */
    TrafficSplit split(TrafficSplit split, String actor);

    /** Serving goes back to the active version. @throws io.h2rec.domain.error.NotFoundException unknown deployment */
    void deleteDeployment(String name, String actor);

    /** Alias and deployment changes, newest first, at most {@code limit}. */
    List<DeploymentChange> changes(int limit);
}
