package io.h2rec.adapter.in.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.h2rec.domain.error.ConflictException;
import io.h2rec.domain.error.DomainException;
import io.h2rec.domain.error.InvalidInputException;
import io.h2rec.domain.error.NotFoundException;
import io.h2rec.domain.error.UnavailableException;
import io.h2rec.domain.reliability.Durably;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Every error of every REST endpoint (training and quantizer) as one RFC 9457 problem, the one place
 * where exceptions become HTTP statuses: the domain's {@link DomainException}s (400, 404, 409, 503;
 * the field and details they carry), malformed JSON and JAX-RS's own refusals (4xx naming the field),
 * and everything else a 500 (503 while the database is unreachable) with an error id and a generic
 * detail; the message and stack trace go to the log under that id. Resources throw, never map.
 */
public class ProblemMapper {
    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Ahead of Quarkus's built-in Jackson mappers, whose bodies are empty outside dev mode. */
    private static final int FIRST = Priorities.USER - 100;

    public static final String INVALID_INPUT = "urn:h2rec:problem:invalid-input";
    public static final String NOT_FOUND = "urn:h2rec:problem:not-found";
    public static final String CONFLICT = "urn:h2rec:problem:conflict";
    public static final String UNAVAILABLE = "urn:h2rec:problem:unavailable";
    public static final String INTERNAL = "urn:h2rec:problem:internal";
    public static final String UNAUTHORIZED = "urn:h2rec:problem:unauthorized";
    public static final String FORBIDDEN = "urn:h2rec:problem:forbidden";
    static final String UNAUTHORIZED_DETAIL = "send a valid token: Authorization: Bearer <JWT> signed by the key this "
            + "service trusts, of its issuer, not expired (docs/security.md)";

    /** A domain failure as a problem: status, type and title (the table of docs/api.md, "Errors"). */
    record Kind(int status, String type, String title) {
        static Kind of(DomainException e) {
            if (e instanceof InvalidInputException) {
                return new Kind(400, INVALID_INPUT, "Invalid input");
            }
            if (e instanceof NotFoundException) {
                return new Kind(404, NOT_FOUND, "Not found");
            }
            if (e instanceof ConflictException) {
                return new Kind(409, CONFLICT, "Conflict with the resource's current state");
            }
            if (e instanceof UnavailableException) {
                return new Kind(503, UNAVAILABLE, "Service unavailable");
            }
            throw new AssertionError("unmapped domain exception " + e.getClass().getName());   // sealed: unreachable
        }
    }

    /**
     * Every failure the domain names. The JDK's IllegalArgumentException, IllegalStateException and
     * NoSuchElementException are not client answers: they reach {@link #unexpected} as 500s.
     */
    @ServerExceptionMapper(priority = FIRST)
    public Response domain(DomainException e, UriInfo uri) {
        Kind kind = Kind.of(e);
        Response r = respond(kind.status(), kind.type(), kind.title(), e.getMessage(), e.field(), e.details(), uri, null);
        return e.retryAfter().map(after -> Response.fromResponse(r)
                .header("Retry-After", Math.max(1, (after.toMillis() + 999) / 1000)).build()).orElse(r);
    }

    @ServerExceptionMapper(priority = FIRST)
    public Response json(JsonProcessingException e, UriInfo uri) {
        return badJson(e, uri);
    }

    @ServerExceptionMapper(priority = FIRST)
    public Response jsonMapping(JsonMappingException e, UriInfo uri) {
        return badJson(e, uri);
    }

    @ServerExceptionMapper(priority = FIRST)
    public Response mismatched(MismatchedInputException e, UriInfo uri) {
        return badJson(e, uri);
    }

    @ServerExceptionMapper(priority = FIRST)
    public Response web(WebApplicationException e, UriInfo uri) {
        for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
            if (c instanceof JsonProcessingException j) {
                return badJson(j, uri);
            }
        }
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        if (status == 404 && e.getCause() instanceof IllegalArgumentException notOfItsType && uri != null) {
            return unconvertible(notOfItsType, uri);
        }
        if (status >= 500) {
            return unexpected(e, uri);
        }
        String detail = switch (status) {
            case 400 -> "the request body is not valid JSON or is missing";
            case 404 -> "no such resource: " + uri.getPath();
            case 405 -> "method not allowed on " + uri.getPath();
            case 406 -> "this endpoint answers application/json only";
            case 413 -> "the request body is too large";
            case 415 -> "send the body as application/json";
            default -> e.getMessage();
        };
        String type = status == 404 ? NOT_FOUND : INVALID_INPUT;
        return respond(status, type, Response.Status.fromStatusCode(status) == null ? "Client error"
                : Response.Status.fromStatusCode(status).getReasonPhrase(), detail, status == 400 ? "body" : null,
                Map.of(), uri, null);
    }

    /**
     * A path or query parameter that is not of its type ({@code /runs/abc}, {@code /runs/99999999999999999999}):
     * JAX-RS must answer it 404 wrapping the conversion error (Jakarta REST 4.0, 3.2), which tells the client the
     * resource does not exist when the request was malformed. A 400 naming the parameter whose value failed.
     */
    private static Response unconvertible(IllegalArgumentException e, UriInfo uri) {
        String said = e.getMessage() == null ? "" : e.getMessage();
        // The parameter whose value the conversion error quotes (For input string: "abc"), path ones first.
        Map.Entry<String, String> failed = Stream.of(uri.getPathParameters(), uri.getQueryParameters())
                .flatMap(params -> params.entrySet().stream())
                .flatMap(p -> p.getValue().stream().map(v -> Map.entry(p.getKey(), v)))
                .filter(p -> said.contains('"' + p.getValue() + '"'))
                .findFirst().orElse(null);
        String kind = e instanceof NumberFormatException ? "a whole number within range" : "of its type";
        String detail = failed == null ? "a path or query parameter is not " + kind : failed.getKey() + " must be " + kind
                + ", got \"" + (failed.getValue().length() > 64 ? failed.getValue().substring(0, 64) + "…" : failed.getValue())
                + "\"";
        return respond(400, INVALID_INPUT, "Invalid input", detail, failed == null ? null : failed.getKey(), Map.of(), uri,
                null);
    }

    /**
     * No token: 401 with the challenge; a role that may not call: 403 (Quarkus's own answers have no body).
     * Refused before the request reaches REST — a token that fails verification, no token where the HTTP policy
     * wants one — they are the same problems, from {@link AuthenticationProblems} and {@link ProblemChallenge}.
     */
    @ServerExceptionMapper(priority = FIRST)
    public Response unauthorized(UnauthorizedException e, UriInfo uri) {
        return unauthorized(uri == null ? null : uri.getPath());
    }

    @ServerExceptionMapper(priority = FIRST)
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return forbidden(uri == null ? null : uri.getPath());
    }

    static Response forbidden(String path) {
        return respond(403, FORBIDDEN, "Forbidden", "the token's roles may not call " + path
                + " (the roles of each endpoint: docs/security.md)", null, Map.of(), path, null);
    }

    /** The 401 problem with its challenge, for the REST mappers and the HTTP layer alike. */
    static Response unauthorized(String path) {
        return Response.fromResponse(respond(401, UNAUTHORIZED, "Unauthorized", UNAUTHORIZED_DETAIL, null, Map.of(),
                path, null)).header("WWW-Authenticate", "Bearer").build();
    }

    @ServerExceptionMapper(priority = FIRST)
    public Response unexpected(Throwable e, UriInfo uri) {
        if (Durably.databaseUnreachable(e)) {
            return respond(503, UNAVAILABLE, "Service unavailable",
                    "the database is unreachable; retry later", null, Map.of(), uri, e);
        }
        return respond(500, INTERNAL, "Internal error",
                "an unexpected error; quote the errorId to the operator (the service log has the details)", null,
                Map.of(), uri, e);
    }

    private static Response badJson(JsonProcessingException e, UriInfo uri) {
        String field = "body";
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            field = path(m);
        }
        String detail;
        if (e instanceof UnrecognizedPropertyException u) {
            detail = "unknown field '" + u.getPropertyName() + "'" + (u.getKnownPropertyIds() == null ? ""
                    : "; known: " + new TreeSet<>(u.getKnownPropertyIds().stream().map(String::valueOf).toList()));
        } else if (e instanceof InvalidNullException) {
            detail = field + " must not be null";
        } else if (e.getOriginalMessage() != null && e.getOriginalMessage().startsWith(StrictJson.NUL)) {
            detail = field + ": " + StrictJson.NUL;
        } else if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            detail = field + " must be " + describe(m.getTargetType()) + ": " + firstLine(e.getOriginalMessage());
        } else {
            detail = "the body is not valid JSON: " + firstLine(e.getOriginalMessage());
        }
        return respond(400, INVALID_INPUT, "Invalid input", detail, field, Map.of(), uri, null);
    }

    /** Jackson's reference path as "a.b[2].c". */
    static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.isEmpty() ? "body" : sb.toString();
    }

    private static String describe(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == Short.class || type == short.class) {
            return "an integer";
        }
        if (type == Double.class || type == double.class || type == Float.class || type == float.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        if (Map.class.isAssignableFrom(type)) {
            return "an object of string values";
        }
        return "a JSON object";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        String s = message.split("\n", 2)[0];
        int source = s.indexOf(" at [Source");
        s = source >= 0 ? s.substring(0, source) : s;
        int hint = s.indexOf(" (but could be if");
        s = hint >= 0 ? s.substring(0, hint) : s;
        return s.replaceAll("`java\\.lang\\.(\\w+)`", "$1").replaceAll("`[\\w.$]+\\.(\\w+)`", "$1");
    }

    private static Response respond(int status, String type, String title, String detail, String field,
                                    Map<String, Object> extra, UriInfo uri, Throwable logged) {
        return respond(status, type, title, detail, field, extra, uri == null ? null : uri.getPath(), logged);
    }

    private static Response respond(int status, String type, String title, String detail, String field,
                                    Map<String, Object> extra, String path, Throwable logged) {
        String errorId = Durably.errorId();
        if (logged != null) {
            LOG.errorf(logged, "error %s on %s: %s", errorId, path, logged.getMessage());
        } else {
            LOG.debugf("error %s on %s: %d %s", errorId, path, status, detail);
        }
        Problem p = new Problem(type, title, status, detail == null ? title : detail, field, errorId, path,
                new LinkedHashMap<>(extra));
        String body;
        try {
            body = JSON.writeValueAsString(p);
        } catch (JsonProcessingException impossible) {
            body = "{\"type\":\"" + INTERNAL + "\",\"status\":" + status + ",\"errorId\":\"" + errorId + "\"}";
        }
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(body).build();
    }
}
