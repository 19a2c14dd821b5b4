package io.h2rec.training.adapter.in.rest;

import io.h2rec.adapter.in.rest.Inputs;
import io.h2rec.adapter.in.security.Roles;
import io.h2rec.domain.error.InvalidInputException;
import io.h2rec.domain.model.DeploymentChange;
import io.h2rec.domain.model.ModelAlias;
import io.h2rec.domain.model.TrafficSplit;
import io.h2rec.domain.port.in.ManageDeploymentsUseCase;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Aliases (a name that points at a model version) and deployments (serving's traffic split over
 * aliases, sticky per user). Operators change them, like activations; each change is one transaction
 * with its change-log row, audited as a write, and pushed to serving on commit (docs/serving.md).
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.VIEWER, Roles.EXPERIMENTER, Roles.OPERATOR})
public class DeploymentResource {
    @Inject
    ManageDeploymentsUseCase deployments;
    @Inject
    SecurityIdentity caller;

    /** @param version the model version the alias points at */
    public record SetAlias(Long version) {
    }

    /** @param routes alias -> weight (relative: 90/10 is 9/1), e.g. {"champion": 90, "challenger": 10} */
    public record SetDeployment(Map<String, Integer> routes) {
    }

    /** A route as the API shows it: its share of the traffic and the version its alias points at now. */
    public record RouteView(String alias, int weight, double share, Long modelVersionId) {
    }

    public record DeploymentView(String name, List<RouteView> routes, Instant updatedAt, String updatedBy) {
    }

    @GET
    @Path("/aliases")
    public List<ModelAlias> aliases() {
        return deployments.aliases();
    }

    @GET
    @Path("/aliases/{name}")
    public ModelAlias alias(@PathParam("name") String name) {
        return deployments.alias(name);
    }

    @PUT
    @RolesAllowed(Roles.OPERATOR)
    @Path("/aliases/{name}")
    @Operation(summary = "Point an alias at a model version ({\"version\": 7}); deployments that route to it follow")
    public ModelAlias setAlias(@PathParam("name") String name, SetAlias body) {
        ModelAlias.checkName("name", name);
        Inputs.required("body", body);
        long version = Inputs.id("version", Inputs.required("version", body.version()));
        return deployments.pointAlias(name, version, caller.getPrincipal().getName());
    }

    @DELETE
    @RolesAllowed(Roles.OPERATOR)
    @Path("/aliases/{name}")
    @Operation(summary = "Delete an alias no deployment routes to (409 naming the deployment otherwise)")
    public void deleteAlias(@PathParam("name") String name) {
        deployments.deleteAlias(name, caller.getPrincipal().getName());
    }

    @GET
    @Path("/deployments")
    public List<DeploymentView> deployments() {
        Map<String, Long> targets = targets();
        return deployments.deployments().stream().map(d -> view(d, targets)).toList();
    }

    @GET
    @Path("/deployments/{name}")
    public DeploymentView deployment(@PathParam("name") String name) {
        return view(deployments.deployment(name), targets());
    }

    @PUT
    @RolesAllowed(Roles.OPERATOR)
    @Path("/deployments/{name}")
    @Operation(summary = "Replace a deployment's traffic split at once ({\"routes\": {\"champion\": 90, "
            + "\"challenger\": 10}}; 1-4 aliases, weights 0-10000, a weight 0 alias answers only requests naming it)")
    public DeploymentView setDeployment(@PathParam("name") String name, SetDeployment body) {
        Inputs.required("body", body);
        Inputs.required("routes", body.routes());
        if (body.routes().size() > TrafficSplit.MAX_ROUTES) {
            throw new InvalidInputException("routes", "a deployment routes to 1.." + TrafficSplit.MAX_ROUTES
                    + " aliases, got " + body.routes().size());
        }
        TrafficSplit split = deployments.split(TrafficSplit.of(name, body.routes()), caller.getPrincipal().getName());
        return view(split, targets());
    }

    @DELETE
    @RolesAllowed(Roles.OPERATOR)
    @Path("/deployments/{name}")
    @Operation(summary = "Delete a deployment: serving goes back to the active model version")
    public void deleteDeployment(@PathParam("name") String name) {
        deployments.deleteDeployment(name, caller.getPrincipal().getName());
    }

    @GET
    @Path("/deployment-changes")
    @Operation(summary = "Alias and deployment changes, newest first: what, to what, when, by whom (?limit=, default 100)")
    public List<DeploymentChange> changes(@QueryParam("limit") Integer limit) {
        return deployments.changes((int) Inputs.range("limit", limit == null ? 100 : limit, 1, 10_000));
    }

    private Map<String, Long> targets() {
        return deployments.aliases().stream().collect(Collectors.toMap(ModelAlias::name, ModelAlias::modelVersionId));
    }

    private static DeploymentView view(TrafficSplit d, Map<String, Long> targets) {
        double total = d.totalWeight();
        Function<TrafficSplit.Route, RouteView> route = r -> new RouteView(r.alias(), r.weight(), r.weight() / total,
                targets.get(r.alias()));
        return new DeploymentView(d.deployment(), d.routes().stream().map(route).toList(), d.updatedAt(), d.updatedBy());
    }
}
