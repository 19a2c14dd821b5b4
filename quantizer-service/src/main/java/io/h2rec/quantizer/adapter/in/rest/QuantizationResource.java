package io.h2rec.quantizer.adapter.in.rest;

import io.h2rec.adapter.in.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import io.h2rec.quantizer.jobs.QuantizationJob;
import io.h2rec.quantizer.jobs.QuantizationJobs;
import io.h2rec.quantizer.jobs.QuantizationRequest;
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
import java.util.Map;
import java.util.NoSuchElementException;

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
    @Operation(summary = "Start quantizing a dataset's items into a new codebook version (202, then poll)")
    public Response start(QuantizationRequest request) {
        if (request == null) {
            throw new IllegalArgumentException("a JSON body is required, e.g. {\"dataset\": \"../shared/data/amazon-beauty\"}");
        }
        QuantizationJob job = jobs.submit(request);
        return Response.accepted(job).location(URI.create("/api/v1/quantizations/" + job.id())).build();
    }

    @GET
    @Operation(summary = "All jobs of this service instance, newest first")
    public List<QuantizationJob> list() {
        return jobs.list();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A job's state and progress")
    public QuantizationJob get(@PathParam("id") long id) {
        return jobs.find(id).orElseThrow(() -> new NoSuchElementException("unknown quantization job " + id));
    }

    @DELETE
    @RolesAllowed(Roles.OPERATOR)
    @Path("/{id}")
    @Operation(summary = "Cancel a queued or running job; nothing it did is kept")
    public Map<String, Object> cancel(@PathParam("id") long id) {
        return Map.of("id", id, "cancelled", jobs.cancel(id));
    }
}
