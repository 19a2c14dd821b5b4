package io.h2rec.training.adapter.in.rest;

import io.h2rec.adapter.in.security.Roles;
import io.h2rec.domain.error.InvalidInputException;
import io.h2rec.domain.model.ModelActivation;
import io.h2rec.domain.port.in.ActivateModelVersionUseCase;
import io.h2rec.domain.port.in.QueryModelVersionsUseCase;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/** Model versions: what training registered, which one serving loads, and since when (activations). */
@Path("/api/v1/models")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.VIEWER, Roles.EXPERIMENTER, Roles.OPERATOR})
public class ModelResource {
    @Inject
    QueryModelVersionsUseCase query;
    @Inject
    ActivateModelVersionUseCase activation;
    @Inject
    SecurityIdentity caller;

    @GET
    public List<Views.ModelVersionView> list() {
        return query.versions().stream().map(Views.ModelVersionView::of).toList();
    }

    @GET
    @Path("/active")
    @Operation(summary = "The active version; with ?at=2026-01-02T03:04:05Z the one that was active then")
    public Views.ModelVersionView active(@QueryParam("at") String at) {
        return Views.ModelVersionView.of(at == null ? query.active() : query.activeAt(instant("at", at)));
    }

    @GET
    @Path("/activations")
    @Operation(summary = "Activations, newest first: which version, when, by whom (?limit=, default 100)")
    public List<ModelActivation> activations(@QueryParam("limit") Integer limit) {
        int n = limit == null ? 100 : limit;
        if (n < 1 || n > 10_000) {
            throw new InvalidInputException("limit", "limit must be in [1, 10000], got " + n);
        }
        return query.activations(n);
    }

    @GET
    @Path("/{id}")
    public Views.ModelVersionView get(@PathParam("id") long id) {
        return Views.ModelVersionView.of(query.version(id));
    }

    @POST
    @RolesAllowed(Roles.OPERATOR)
    @Path("/{id}/activate")
    @Operation(summary = "Make this version the one serving loads (serving swaps to it without downtime)")
    public Views.ModelVersionView activate(@PathParam("id") long id) {
        return Views.ModelVersionView.of(activation.activate(id, caller.getPrincipal().getName()));
    }

    static Instant instant(String field, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, field + " must be an ISO-8601 instant such as 2026-01-02T03:04:05Z, got '"
                    + (value.length() > 40 ? value.substring(0, 40) + "..." : value) + "'");
        }
    }
}
