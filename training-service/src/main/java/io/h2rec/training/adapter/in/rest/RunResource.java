package io.h2rec.training.adapter.in.rest;

import io.h2rec.adapter.in.rest.Inputs;
import io.h2rec.adapter.in.security.Roles;
import io.h2rec.domain.error.InvalidInputException;
import io.h2rec.domain.error.NotFoundException;
import io.h2rec.domain.model.CancelOutcome;
import io.h2rec.domain.model.Experiment;
import io.h2rec.domain.model.MetricValue;
import io.h2rec.domain.model.Run;
import io.h2rec.domain.port.out.ExperimentStore;
import io.h2rec.training.runs.RunScheduler;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs: status and progress while they run, cancel, metrics, and side-by-side comparison. */
@Path("/api/v1/runs")
@RolesAllowed({Roles.VIEWER, Roles.EXPERIMENTER, Roles.OPERATOR})
@Produces(MediaType.APPLICATION_JSON)
public class RunResource {
    @Inject
    ExperimentStore store;
    @Inject
    RunScheduler scheduler;

    static final int MAX_COMPARED = 50;

    /** One metric across the compared runs, in the order of {@code runs}. */
    public record ComparisonRow(String protocol, String group, String metric, int k, List<Double> values) {
    }

    public record Comparison(String split, List<Views.RunView> runs, List<String> models, List<ComparisonRow> rows) {
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A run: status, progress (epoch, loss, validation NDCG@10), provenance, error")
    public Views.RunView get(@PathParam("id") long id) {
        return Views.RunView.of(run(id));
    }

    /**
     * @param cancelled whether the run is or will be CANCELLED
     * @param outcome   CANCELLED (now), REQUESTED (its owner stops it within a heartbeat) or FINISHED (it had ended)
     */
    public record CancelView(long id, boolean cancelled, String outcome, String status) {
    }

    @POST
    @RolesAllowed(Roles.EXPERIMENTER)
    @Path("/{id}/cancel")
    @Operation(summary = "Cancel a run in any non-terminal state: QUEUED, INTERRUPTED and orphaned RUNNING runs at "
            + "once, a run its owner still executes within a heartbeat")
    public CancelView cancel(@PathParam("id") long id) {
        run(id);
        CancelOutcome outcome = scheduler.cancel(id);
        return new CancelView(id, outcome != CancelOutcome.FINISHED, outcome.name(), run(id).status().name());
    }

    @POST
    @RolesAllowed(Roles.EXPERIMENTER)
    @Path("/{id}/resume")
    @Operation(summary = "Continue an INTERRUPTED or FAILED run from its last checkpoint (202; 409 in other states)")
    public Response resume(@PathParam("id") long id) {
        run(id);
        return Response.accepted(Views.RunView.of(scheduler.resume(id))).build();
    }

    @GET
    @Path("/{id}/metrics")
    @Operation(summary = "Every number of a finished run: split, protocol, group, metric, K, value")
    public List<MetricValue> metrics(@PathParam("id") long id) {
        run(id);
        return store.metrics(id);
    }

    @GET
    @Path("/compare")
    @Operation(summary = "Runs side by side: ?ids=1,2,3&split=test")
    public Comparison compare(@QueryParam("ids") String ids, @QueryParam("split") String split) {
        Inputs.text("ids", ids, 2000);
        String which = split == null ? "test" : split;
        if (!which.equals("test") && !which.equals("valid")) {
            throw new InvalidInputException("split", "split must be test or valid, got '"
                    + Inputs.optionalText("split", which, Inputs.NAME) + "'");
        }
        String[] parts = ids.split(",");
        if (parts.length > MAX_COMPARED) {
            throw new InvalidInputException("ids", "compare at most " + MAX_COMPARED + " runs, got " + parts.length);
        }
        List<Long> runIds = new ArrayList<>();
        for (String s : parts) {
            try {
                runIds.add(Long.parseLong(s.trim()));
            } catch (NumberFormatException e) {
                throw new InvalidInputException("ids", "run id '" + s + "' is not a number");
            }
        }
        List<Run> runs = runIds.stream().map(this::run).toList();
        Map<String, Double[]> table = new LinkedHashMap<>();
        for (int i = 0; i < runs.size(); i++) {
            for (MetricValue v : store.metrics(runs.get(i).id())) {
                if (v.split().label().equals(which)) {
                    String key = v.protocol().label() + "|" + v.group() + "|" + v.metric() + "|" + v.k();
                    table.computeIfAbsent(key, k -> new Double[runs.size()])[i] = v.value();
                }
            }
        }
        List<ComparisonRow> rows = table.entrySet().stream().map(e -> {
            String[] p = e.getKey().split("\\|");
            return new ComparisonRow(p[0], p[1], p[2], Integer.parseInt(p[3]), Arrays.asList(e.getValue()));
        }).toList();
        List<String> models = runs.stream().map(r -> store.findExperiment(r.experimentId()).map(Experiment::spec)
                .map(s -> s.model()).orElse("?")).toList();
        return new Comparison(which, runs.stream().map(Views.RunView::of).toList(), models, rows);
    }

    private Run run(long id) {
        return store.findRun(id).orElseThrow(() -> new NotFoundException("run", id));
    }
}
