package io.h2rec.training.errors;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import java.util.NoSuchElementException;

/** Test-only endpoint: a bug deep inside a resource, as a JDK exception with an internal message. */
@Path("/test/bug")
@PermitAll
public class BugResource {
    static final String SECRET = "secret-internal-detail /srv/h2rec/row 42";

    @GET
    @Path("/{kind}")
    public String fail(@PathParam("kind") String kind) {
        throw switch (kind) {
            case "argument" -> new IllegalArgumentException(SECRET);
            case "state" -> new IllegalStateException(SECRET);
            default -> new NoSuchElementException(SECRET);
        };
    }
}
