package io.h2rec.training.adapter.in.rest;

import io.h2rec.adapter.in.security.Roles;
import io.h2rec.domain.error.InvalidInputException;
import io.h2rec.domain.model.AuditEntry;
import io.h2rec.domain.port.in.QueryAuditTrailUseCase;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.time.Instant;
import java.util.List;

/** The audit trail of every service's API writes (one table for the three services), for operators. */
@Path("/api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.OPERATOR)
public class AuditResource {
    @Inject
    QueryAuditTrailUseCase audit;

    @GET
    @Operation(summary = "Writes to any service, newest first: who, what, when, from where, outcome "
            + "(?since=2026-01-02T03:04:05Z&limit=100)")
    public List<AuditEntry> recent(@QueryParam("since") String since, @QueryParam("limit") Integer limit) {
        int n = limit == null ? 100 : limit;
        if (n < 1 || n > 10_000) {
            throw new InvalidInputException("limit", "limit must be in [1, 10000], got " + n);
        }
        Instant from = since == null ? null : ModelResource.instant("since", since);
        return audit.recent(from, n);
    }
}
