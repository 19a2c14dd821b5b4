package io.h2rec.training.adapter.in.rest;

import io.h2rec.adapter.in.security.Roles;
import io.h2rec.domain.error.InvalidInputException;
import io.h2rec.domain.error.NotFoundException;
import io.h2rec.domain.model.ModelActivation;
import io.h2rec.domain.port.out.ActivationHistory;
import io.h2rec.domain.port.out.ModelVersionStore;
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
    ModelVersionStore versions;
    @Inject
    ActivationHistory history;
    @Inject
    SecurityIdentity caller;

    @GET
    public List<Views.ModelVersionView> list() {
        return versions.list().stream().map(Views.ModelVersionView::of).toList();
    }

    @GET
    @Path("/active")
    @Operation(summary = "The active version; with ?at=2026-01-02T03:04:05Z the one that was active then")
    public Views.ModelVersionView active(@QueryParam("at") String at) {
        if (at != null) {
            Instant t = instant("at", at);
            long id = history.activeAt(t).orElseThrow(() -> new NotFoundException("model version", null,
                    "no model version was active at " + t)).modelVersionId();
            return get(id);
        }
        return Views.ModelVersionView.of(versions.active()
                .orElseThrow(() -> new NotFoundException("model version", null, "no model version is active")));
    }

    @GET
    @Path("/activations")
    @Operation(summary = "Activations, newest first: which version, when, by whom (?limit=, default 100)")
    public List<ModelActivation> activations(@QueryParam("limit") Integer limit) {
        int n = limit == null ? 100 : limit;
        if (n < 1 || n > 10_000) {
            throw new InvalidInputException("limit", "limit must be in [1, 10000], got " + n);
        }
        return history.activations(n);
    }

    @GET
    @Path("/{id}")
    public Views.ModelVersionView get(@PathParam("id") long id) {
        return Views.ModelVersionView.of(versions.find(id)
                .orElseThrow(() -> new NotFoundException("model version", id)));
    }

    @POST
    @RolesAllowed(Roles.OPERATOR)
    @Path("/{id}/activate")
    @Operation(summary = "Make this version the one serving loads (serving swaps to it without downtime)")
    public Views.ModelVersionView activate(@PathParam("id") long id) {
        return Views.ModelVersionView.of(versions.activate(id, caller.getPrincipal().getName()));
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
