package io.h2rec.training.adapter.in.rest;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Map;
import java.util.NoSuchElementException;

/** Bad input is a 4xx with a message saying what is wrong; the service stays up. */
public class ErrorMapper {
    @ServerExceptionMapper
    public Response badRequest(IllegalArgumentException e) {
        return error(Response.Status.BAD_REQUEST, e.getMessage());
    }

    @ServerExceptionMapper
    public Response notFound(NoSuchElementException e) {
        return error(Response.Status.NOT_FOUND, e.getMessage());
    }

    @ServerExceptionMapper
    public Response conflict(IllegalStateException e) {
        return error(Response.Status.CONFLICT, e.getMessage());
    }

    static Response error(Response.Status status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(Map.of("status", status.getStatusCode(), "error", message == null ? status.getReasonPhrase() : message))
                .build();
    }
}
