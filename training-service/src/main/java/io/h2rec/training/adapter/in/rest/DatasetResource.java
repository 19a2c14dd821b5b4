package io.h2rec.training.adapter.in.rest;

import io.h2rec.adapter.in.security.DataRoots;
import io.h2rec.adapter.in.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import io.h2rec.domain.model.PreparationParams;
import io.h2rec.domain.model.RegisteredDataset;
import io.h2rec.domain.port.in.PrepareDatasetCommand;
import io.h2rec.domain.port.in.PrepareDatasetUseCase;
import io.h2rec.domain.port.out.ItemCatalog;
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
import java.util.NoSuchElementException;

/** Datasets: read, filter, split and register a folder; list what is registered. */
@Path("/api/v1/datasets")
@RolesAllowed({Roles.VIEWER, Roles.EXPERIMENTER, Roles.OPERATOR})
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DatasetResource {
    @Inject
    PrepareDatasetUseCase datasets;
    @Inject
    ItemCatalog catalog;

    /** A folder in one of the layouts of docs/datasets.md. */
    public record RegisterDataset(String location, Integer kCore) {
    }

    @POST
    @RolesAllowed(Roles.EXPERIMENTER)
    @Operation(summary = "Prepare and register a dataset (idempotent: same data, same id)")
    public Response register(RegisterDataset body) {
        if (body == null || body.location() == null || body.location().isBlank()) {
            throw new IllegalArgumentException("body must give a location, e.g. {\"location\": \"../shared/data/amazon-beauty\"}");
        }
        // Only under the data roots; outside, missing or unreadable are one refusal (issue 18).
        DataRoots roots = DataRoots.current();
        String location = roots.resolve(body.location());
        int k = body.kCore() == null ? PreparationParams.DEFAULT.kCore() : body.kCore();
        RegisteredDataset d;
        try {
            d = datasets.prepare(new PrepareDatasetCommand(location,
                    new PreparationParams(k, PreparationParams.DEFAULT.minUserInteractions()))).registration();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(roots.redact(e.getMessage()), e);
        }
        return Response.created(URI.create("/api/v1/datasets/" + d.id())).entity(Views.DatasetView.of(d)).build();
    }

    @GET
    public List<Views.DatasetView> list() {
        return catalog.list().stream().map(Views.DatasetView::of).toList();
    }

    @GET
    @Path("/{id}")
    public Views.DatasetView get(@PathParam("id") long id) {
        return Views.DatasetView.of(catalog.find(id).orElseThrow(() -> new NoSuchElementException("unknown dataset " + id)));
    }
}
