package io.h2rec.training.adapter.in.rest;

import io.h2rec.adapter.in.rest.Inputs;
import io.h2rec.adapter.in.security.Roles;
import io.h2rec.domain.error.InvalidInputException;
import io.h2rec.domain.model.CancelOutcome;
import io.h2rec.domain.model.EvalTarget;
import io.h2rec.domain.model.MetricValue;
import io.h2rec.domain.port.in.CompareRunsQuery;
import io.h2rec.domain.port.in.QueryRunsUseCase;
import io.h2rec.domain.port.in.RunComparison;
import io.h2rec.wiring.RunScheduler;
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
import java.util.List;

/** Runs: status and progress while they run, cancel, metrics, and side-by-side comparison. */
@Path("/api/v1/runs")
@RolesAllowed({Roles.VIEWER, Roles.EXPERIMENTER, Roles.OPERATOR})
@Produces(MediaType.APPLICATION_JSON)
public class RunResource {
    @Inject
    QueryRunsUseCase query;
    @Inject
    RunScheduler scheduler;

    static final int MAX_COMPARED = CompareRunsQuery.MAX_RUNS;

    /** One metric across the compared runs, in the order of {@code runs}. */
    public record ComparisonRow(String protocol, String group, String metric, int k, List<Double> values) {
    }

    public record Comparison(String split, List<Views.RunView> runs, List<String> models, List<ComparisonRow> rows) {
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A run: status, progress (epoch, loss, validation NDCG@10), provenance, error")
    public Views.RunView get(@PathParam("id") long id) {
        return Views.RunView.of(query.run(id));
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
        query.run(id);
        CancelOutcome outcome = scheduler.cancel(id);
        return new CancelView(id, outcome != CancelOutcome.FINISHED, outcome.name(), query.run(id).status().name());
    }

    @POST
    @RolesAllowed(Roles.EXPERIMENTER)
    @Path("/{id}/resume")
    @Operation(summary = "Continue an INTERRUPTED or FAILED run from its last checkpoint (202; 409 in other states)")
    public Response resume(@PathParam("id") long id) {
        query.run(id);
        return Response.accepted(Views.RunView.of(scheduler.resume(id))).build();
    }

    @GET
    @Path("/{id}/metrics")
    @Operation(summary = "Every number of a finished run: split, protocol, group, metric, K, value")
    public List<MetricValue> metrics(@PathParam("id") long id) {
        return query.metrics(id);
    }

    /** One epoch of the learning curve; {@code validNdcg} is null for an epoch that was not evaluated. */
    public record EpochView(int epoch, double loss, Double validNdcg) {
    }

    @GET
    @Path("/{id}/epochs")
    @Operation(summary = "The learning curve, also while the run trains: epoch, mean training loss, validation NDCG@10 "
            + "(full ranking; null when the epoch was not evaluated). ?after=N: only the epochs after N, so a client "
            + "following a training asks for what is new")
    public List<EpochView> epochs(@PathParam("id") long id, @QueryParam("after") Integer after) {
        int from = after == null ? 0 : after;
        if (from < 0) {
            throw new InvalidInputException("after", "after must be an epoch number >= 0, got " + from);
        }
        return query.epochs(id).stream().filter(p -> p.epoch() > from).map(p -> new EpochView(p.epoch(), p.loss(),
                Double.isFinite(p.validationNdcg()) ? p.validationNdcg() : null)).toList();
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
        RunComparison c = query.compare(new CompareRunsQuery(runIds, EvalTarget.fromLabel(which)));
        return new Comparison(which, c.runs().stream().map(Views.RunView::of).toList(), c.models(), c.rows().stream()
                .map(r -> new ComparisonRow(r.protocol(), r.group(), r.metric(), r.k(), r.values())).toList());
    }
}
