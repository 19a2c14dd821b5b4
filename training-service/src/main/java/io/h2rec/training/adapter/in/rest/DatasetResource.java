package io.h2rec.training.adapter.in.rest;

import io.h2rec.adapter.in.rest.Inputs;
import io.h2rec.adapter.in.security.DataRoots;
import io.h2rec.adapter.in.security.Roles;
import io.h2rec.domain.error.InvalidInputException;
import io.h2rec.domain.model.PreparationParams;
import io.h2rec.domain.model.PreparedDataset;
import io.h2rec.domain.model.SplitProtocol;
import io.h2rec.domain.port.in.PrepareDatasetCommand;
import io.h2rec.domain.port.in.PrepareDatasetUseCase;
import io.h2rec.domain.port.in.QueryDatasetsUseCase;
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

/** Datasets: read, filter, split and register a folder; list what is registered. */
@Path("/api/v1/datasets")
@RolesAllowed({Roles.VIEWER, Roles.EXPERIMENTER, Roles.OPERATOR})
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DatasetResource {
    @Inject
    PrepareDatasetUseCase datasets;
    @Inject
    QueryDatasetsUseCase query;

    /**
     * A folder in one of the layouts of docs/datasets.md; {@code split} is "leave-one-out" (the
     * default), "temporal" or "temporal:T1,T2" (quantiles of the timestamps, or epoch seconds).
     */
    public record RegisterDataset(String location, Integer kCore, String split) {
    }

    @POST
    @RolesAllowed(Roles.EXPERIMENTER)
    @Operation(summary = "Prepare and register a dataset: 201, or 200 with the same record when this data is "
            + "registered already (also for concurrent identical requests)")
    public Response register(RegisterDataset body) {
        Inputs.required("body", body);
        PrepareDatasetCommand command = command(body.location(), body.kCore(), body.split());
        PreparedDataset prepared;
        try {
            prepared = datasets.prepare(command);
        } catch (InvalidInputException e) {
            // The files themselves are wrong (format, too few interactions after filtering), or they do not
            // fit the split (no timestamps, cut points that leave no target); the message names the file, line
            // and column, never a value; here it loses every root's absolute path too.
            throw new InvalidInputException(e.field(), DataRoots.current().redact(e.getMessage()), e.details());
        }
        Views.DatasetView view = Views.DatasetView.of(prepared.registration());
        URI uri = URI.create("/api/v1/datasets/" + view.id());
        return prepared.created() ? Response.created(uri).entity(view).build()
                : Response.ok(view).location(uri).build();
    }

    /**
     * The folder, only under the data roots (outside, missing or unreadable are one refusal that does not
     * say which; issue 18); k-core in 1..1000 (default 5); the split (default leave-one-out).
     */
    static PrepareDatasetCommand command(String location, Integer kCore, String split) {
        Inputs.text("location", location, Inputs.PATH);
        String folder = DataRoots.current().resolve("location", location);
        int k = kCore == null ? PreparationParams.DEFAULT.kCore() : (int) Inputs.range("kCore", kCore, 1, 1000);
        SplitProtocol protocol = split == null ? SplitProtocol.LEAVE_ONE_OUT
                : SplitProtocol.parse(Inputs.text("split", split, Inputs.NAME));
        return new PrepareDatasetCommand(folder,
                new PreparationParams(k, PreparationParams.DEFAULT.minUserInteractions(), protocol));
    }

    @GET
    public List<Views.DatasetView> list() {
        return query.datasets().stream().map(Views.DatasetView::of).toList();
    }

    @GET
    @Path("/{id}")
    public Views.DatasetView get(@PathParam("id") long id) {
        return Views.DatasetView.of(query.dataset(id));
    }
}
