package io.h2rec.training.adapter.in.rest;

import io.h2rec.adapter.in.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import io.h2rec.domain.model.Experiment;
import io.h2rec.domain.model.ExperimentSpec;
import io.h2rec.domain.port.in.RegisterExperimentCommand;
import io.h2rec.domain.port.in.RegisterExperimentUseCase;
import io.h2rec.domain.port.out.ExperimentStore;
import io.h2rec.training.runs.RunScheduler;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/** The experiment registry: register an experiment, start its runs, list them. */
@Path("/api/v1/experiments")
@RolesAllowed({Roles.VIEWER, Roles.EXPERIMENTER, Roles.OPERATOR})
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ExperimentResource {
    @Inject
    RegisterExperimentUseCase register;
    @Inject
    ExperimentStore store;
    @Inject
    RunScheduler scheduler;

    /** A model on a registered dataset (and codebook version for SID models), its hyper-parameters and seeds. */
    public record RegisterExperiment(String name, Long datasetId, Long codebookId, String model,
                                     Map<String, String> params, List<Long> seeds) {
    }

    /** Which seeds to run now (default: the experiment's seeds). */
    public record StartRuns(List<Long> seeds) {
    }

    @POST
    @RolesAllowed(Roles.EXPERIMENTER)
    @Operation(summary = "Register an experiment; its parameters are checked against the model's configuration")
    public Response register(RegisterExperiment body) {
        if (body == null || body.name() == null || body.datasetId() == null || body.model() == null) {
            throw new IllegalArgumentException("body needs name, datasetId and model (codebookId, params, seeds optional)");
        }
        Experiment e = register.register(new RegisterExperimentCommand(new ExperimentSpec(body.name(), body.datasetId(),
                body.codebookId(), body.model(), body.params(), body.seeds())));
        return Response.created(URI.create("/api/v1/experiments/" + e.id())).entity(Views.ExperimentView.of(e)).build();
    }

    @GET
    public List<Views.ExperimentView> list() {
        return store.listExperiments().stream().map(Views.ExperimentView::of).toList();
    }

    @GET
    @Path("/{id}")
    public Views.ExperimentView get(@PathParam("id") long id) {
        return Views.ExperimentView.of(experiment(id));
    }

    @POST
    @RolesAllowed(Roles.EXPERIMENTER)
    @Path("/{id}/runs")
    @Operation(summary = "Queue runs (one per seed); they execute in the background: poll /api/v1/runs/{id}")
    public Response start(@PathParam("id") long id, StartRuns body) {
        Experiment e = experiment(id);
        List<Long> seeds = body == null || body.seeds() == null || body.seeds().isEmpty() ? e.spec().seeds() : body.seeds();
        List<Views.RunView> runs = scheduler.start(id, seeds).stream().map(Views.RunView::of).toList();
        return Response.accepted(runs).build();
    }

    @GET
    @Path("/{id}/runs")
    public List<Views.RunView> runs(@PathParam("id") long id) {
        experiment(id);
        return store.listRuns(id).stream().map(Views.RunView::of).toList();
    }

    private Experiment experiment(long id) {
        return store.findExperiment(id).orElseThrow(() -> new NoSuchElementException("unknown experiment " + id));
    }
}
