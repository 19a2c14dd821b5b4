package io.h2rec.quantizer.adapter.in.rest;

import io.h2rec.adapter.in.rest.Inputs;
import io.h2rec.adapter.in.security.Roles;
import io.h2rec.domain.error.InvalidInputException;
import io.h2rec.domain.model.ItemId;
import io.h2rec.domain.model.SemanticId;
import io.h2rec.domain.port.in.AssignSemanticIdCommand;
import io.h2rec.domain.port.in.AssignSemanticIdUseCase;
import io.h2rec.domain.port.in.QueryCodebooksUseCase;
import io.h2rec.domain.port.in.RemoveColdStartItemUseCase;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Committed codebook versions, item semantic IDs, and cold-start items in each version's overlay. */
@Path("/api/v1/codebooks")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.VIEWER, Roles.EXPERIMENTER, Roles.OPERATOR})
public class CodebookResource {
    @Inject
    QueryCodebooksUseCase query;
    @Inject
    AssignSemanticIdUseCase assign;
    @Inject
    RemoveColdStartItemUseCase coldStart;

    /** A new item: its external id and text fields (title, brand, categories, description, ...). */
    public record NewItem(String item, Map<String, String> fields) {
    }

    public record ItemSid(String item, long codebookId, int[] codes) {
    }

    @GET
    @Operation(summary = "Codebook versions, newest first (of one dataset with ?datasetId=)")
    public List<CodebookView> list(@QueryParam("datasetId") String datasetId) {
        Long id = null;
        if (datasetId != null) {
            try {
                id = Inputs.id("datasetId", Long.parseLong(datasetId.trim()));
            } catch (NumberFormatException e) {
                throw new InvalidInputException("datasetId", "datasetId must be an integer, got '"
                        + Inputs.optionalText("datasetId", datasetId, Inputs.NAME) + "'");
            }
        }
        return query.codebooks(id).stream().map(CodebookView::of).toList();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One codebook version with its statistics")
    public CodebookView get(@PathParam("id") long id) {
        return CodebookView.of(query.codebook(id));
    }

    @GET
    @Path("/{id}/items/{item}")
    @Operation(summary = "An item's semantic ID in this version")
    public ItemSid item(@PathParam("id") long id, @PathParam("item") String item) {
        return new ItemSid(item, id, query.code(id, ColdStartLimits.pathItem(item)).codes());
    }

    @POST
    @RolesAllowed(Roles.OPERATOR)
    @Path("/{id}/items")
    @Operation(summary = "Cold start: assign a semantic ID to a new item from its text (no retraining); the item "
            + "joins the version's overlay, which an operator can shrink (DELETE)")
    public Response assign(@PathParam("id") long id, NewItem body) {
        Inputs.required("body", body);
        ColdStartLimits.check(body.item(), body.fields());
        query.codebook(id);
        Map<String, String> fields = body.fields() == null ? Map.of() : new LinkedHashMap<>(body.fields());
        // The item known already (item) or fields without text for the codebook's template (fields): 400.
        // The location is built (its segment escaped) before the item is committed: an id with a space once
        // committed the item and then answered 500 from URI.create.
        URI location = UriBuilder.fromPath("/api/v1/codebooks/{id}/items/{item}").build(id, body.item());
        SemanticId sid = assign.assign(new AssignSemanticIdCommand(id, ItemId.of(body.item()), fields));
        return Response.created(location).entity(new ItemSid(body.item(), id, sid.codes())).build();
    }

    @DELETE
    @RolesAllowed(Roles.OPERATOR)
    @Path("/{id}/items/{item}")
    @Operation(summary = "Remove a cold-start item from the version's overlay (committed codes stay; serving drops "
            + "the item at its next poll)")
    public Map<String, Object> remove(@PathParam("id") long id, @PathParam("item") String item) {
        coldStart.remove(id, ColdStartLimits.pathItem(item));
        return Map.of("codebookId", id, "item", item, "removed", true);
    }
}
