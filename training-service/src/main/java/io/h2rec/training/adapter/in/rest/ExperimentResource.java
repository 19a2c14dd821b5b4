package io.h2rec.training.adapter.in.rest;

import io.h2rec.adapter.in.rest.Inputs;
import io.h2rec.adapter.in.security.Roles;
import io.h2rec.domain.model.Created;
import io.h2rec.domain.model.Experiment;
import io.h2rec.domain.model.ExperimentSpec;
import io.h2rec.domain.model.Run;
import io.h2rec.domain.port.in.RegisterExperimentCommand;
import io.h2rec.domain.port.in.RegisterExperimentUseCase;
import io.h2rec.domain.port.in.QueryExperimentsUseCase;
import io.h2rec.wiring.RunScheduler;
import jakarta.annotation.security.RolesAllowed;
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

/** The experiment registry: register an experiment, start its runs, list them. */
@Path("/api/v1/experiments")
@RolesAllowed({Roles.VIEWER, Roles.EXPERIMENTER, Roles.OPERATOR})
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ExperimentResource {
    @Inject
    RegisterExperimentUseCase register;
    @Inject
    QueryExperimentsUseCase query;
    @Inject
    RunScheduler scheduler;

    static final int MAX_PARAMS = 64;
    static final int MAX_SEEDS = 64;

    /** A model on a registered dataset (and codebook version for SID models), its hyper-parameters and seeds. */
    public record RegisterExperiment(String name, Long datasetId, Long codebookId, String model,
                                     Map<String, String> params, List<Long> seeds) {
        ExperimentSpec spec() {
            Inputs.text("name", name, Inputs.NAME);
            Inputs.id("datasetId", Inputs.required("datasetId", datasetId));
            Inputs.id("codebookId", codebookId);
            Inputs.text("model", model, Inputs.NAME);
            Inputs.map("params", params, MAX_PARAMS, Inputs.NAME);
            Inputs.size("seeds", seeds, MAX_SEEDS);
            return new ExperimentSpec(name, datasetId, codebookId, model, params, seeds);
        }
    }

    /**
     * Which seeds to run now (default: the experiment's seeds). A seed whose run (same config hash)
     * is already QUEUED or RUNNING gets that run back, unless {@code force} queues another.
     */
    public record StartRuns(List<Long> seeds, Boolean force) {
    }

    @POST
    @RolesAllowed(Roles.EXPERIMENTER)
    @Operation(summary = "Register an experiment (201); the same spec again returns it (200); a name taken by "
            + "another spec is 409. Parameters, references and the memory estimate are checked first.")
    public Response register(RegisterExperiment body) {
        Inputs.required("body", body);
        Created<Experiment> e = register.registerIfAbsent(new RegisterExperimentCommand(body.spec()));
        Views.ExperimentView view = Views.ExperimentView.of(e.value());
        return e.created() ? Response.created(URI.create("/api/v1/experiments/" + view.id())).entity(view).build()
                : Response.ok(view).location(URI.create("/api/v1/experiments/" + view.id())).build();
    }

    @GET
    public List<Views.ExperimentView> list() {
        return query.experiments().stream().map(Views.ExperimentView::of).toList();
    }

    @GET
    @Path("/{id}")
    public Views.ExperimentView get(@PathParam("id") long id) {
        return Views.ExperimentView.of(query.experiment(id));
    }

    @POST
    @RolesAllowed(Roles.EXPERIMENTER)
    @Path("/{id}/runs")
    @Operation(summary = "Queue runs (one per seed; 202); they execute in the background: poll /api/v1/runs/{id}. "
            + "A seed already QUEUED or RUNNING returns that run (200 when no run was queued) unless force is true.")
    public Response start(@PathParam("id") long id, StartRuns body) {
        Experiment e = query.experiment(id);
        List<Long> seeds = body == null || body.seeds() == null || body.seeds().isEmpty() ? e.spec().seeds()
                : Inputs.size("seeds", body.seeds(), MAX_SEEDS);
        boolean force = body != null && Boolean.TRUE.equals(body.force());
        List<Created<Run>> runs = scheduler.start(id, seeds, force);
        List<Views.RunView> views = runs.stream().map(r -> Views.RunView.of(r.value())).toList();
        return runs.stream().anyMatch(Created::created) ? Response.accepted(views).build() : Response.ok(views).build();
    }

    @GET
    @Path("/{id}/runs")
    public List<Views.RunView> runs(@PathParam("id") long id) {
        return query.runs(id).stream().map(Views.RunView::of).toList();
    }
}
