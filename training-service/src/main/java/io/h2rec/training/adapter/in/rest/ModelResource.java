package io.h2rec.training.adapter.in.rest;

import io.h2rec.domain.port.out.ModelVersionStore;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.List;
import java.util.NoSuchElementException;

/** Model versions: what training registered, and which one serving loads. */
@Path("/api/v1/models")
@Produces(MediaType.APPLICATION_JSON)
public class ModelResource {
    @Inject
    ModelVersionStore versions;

    @GET
    public List<Views.ModelVersionView> list() {
        return versions.list().stream().map(Views.ModelVersionView::of).toList();
    }

    @GET
    @Path("/active")
    public Views.ModelVersionView active() {
        return Views.ModelVersionView.of(versions.active()
                .orElseThrow(() -> new NoSuchElementException("no model version is active")));
    }

    @GET
    @Path("/{id}")
    public Views.ModelVersionView get(@PathParam("id") long id) {
        return Views.ModelVersionView.of(versions.find(id)
                .orElseThrow(() -> new NoSuchElementException("unknown model version " + id)));
    }

    @POST
    @Path("/{id}/activate")
    @Operation(summary = "Make this version the one serving loads (serving swaps to it without downtime)")
    public Views.ModelVersionView activate(@PathParam("id") long id) {
        return Views.ModelVersionView.of(versions.activate(id));
    }
}
