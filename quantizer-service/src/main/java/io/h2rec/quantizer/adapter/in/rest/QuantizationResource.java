package io.h2rec.quantizer.adapter.in.rest;

import io.h2rec.adapter.in.rest.Inputs;
import io.h2rec.adapter.in.security.Roles;
import io.h2rec.domain.error.NotFoundException;
import io.h2rec.domain.model.CancelOutcome;
import io.h2rec.quantizer.jobs.QuantizationJobView;
import io.h2rec.quantizer.jobs.QuantizationJobs;
import io.h2rec.quantizer.jobs.QuantizationRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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

/** Quantization jobs: start one, watch its progress, cancel it. */
@Path("/api/v1/quantizations")
@RolesAllowed({Roles.VIEWER, Roles.EXPERIMENTER, Roles.OPERATOR})
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class QuantizationResource {
    @Inject
    QuantizationJobs jobs;

    @POST
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Start quantizing a dataset's items into a new codebook version (202, then poll); every "
            + "option is range-checked first")
    public Response start(QuantizationRequest request) {
        Inputs.required("body", request);
        QuantizationJobView job = jobs.submit(request);
        return Response.accepted(job).location(URI.create("/api/v1/quantizations/" + job.id())).build();
    }

    @GET
    @Operation(summary = "The newest 100 jobs (kept in PostgreSQL: they survive restarts), newest first")
    public List<QuantizationJobView> list() {
        return jobs.list();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A job's state and progress")
    public QuantizationJobView get(@PathParam("id") long id) {
        return jobs.find(id).orElseThrow(() -> new NotFoundException("quantization job", id));
    }

    /**
     * @param cancelled whether the job is or will be CANCELLED
     * @param outcome   CANCELLED (now), REQUESTED (it stops within a heartbeat) or FINISHED (it had ended)
     */
    public record CancelView(long id, boolean cancelled, String outcome) {
    }

    @DELETE
    @RolesAllowed(Roles.OPERATOR)
    @Path("/{id}")
    @Operation(summary = "Cancel a queued, running or interrupted job; a running one stops within seconds; nothing "
            + "it did is kept")
    public CancelView cancel(@PathParam("id") long id) {
        CancelOutcome outcome = jobs.cancel(id);
        return new CancelView(id, outcome != CancelOutcome.FINISHED, outcome.name());
    }

    @POST
    @RolesAllowed(Roles.OPERATOR)
    @Path("/{id}/restart")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Run an INTERRUPTED or FAILED job again from the start (202; 409 in other states)")
    public Response restart(@PathParam("id") long id) {
        return Response.accepted(jobs.restart(id)).build();
    }
}
