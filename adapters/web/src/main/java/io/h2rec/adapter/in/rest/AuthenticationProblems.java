package io.h2rec.adapter.in.rest;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.Response;

/**
 * Authentication and role checks run in the HTTP layer, before any REST resource, where {@link ProblemMapper}
 * cannot see their refusals: a token that fails verification (forged, expired, unsigned), no token, a role that
 * may not call the endpoint; Quarkus answers them with an empty 401 or 403. This route failure handler (what the
 * Quarkus guide "Proactive authentication" recommends) answers the failures it is given as the mapper's problems,
 * the 401 with its {@code WWW-Authenticate: Bearer} challenge; a missing token is challenged by {@link ProblemChallenge}.
 */
@ApplicationScoped
public class AuthenticationProblems {
    void routes(@Observes Router router) {
        router.route().failureHandler(this::refuse);
    }

    private void refuse(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        boolean unauthorized = failure instanceof AuthenticationFailedException || failure instanceof UnauthorizedException;
        if (!(unauthorized || failure instanceof ForbiddenException)) {
            ctx.next();
            return;
        }
        send(ctx, unauthorized ? ProblemMapper.unauthorized(ctx.request().path())
                : ProblemMapper.forbidden(ctx.request().path()));
    }

    /** A problem built by {@link ProblemMapper} written outside REST: status, headers (the challenge), body. */
    static void send(RoutingContext ctx, Response problem) {
        if (ctx.response().ended() || ctx.response().headWritten()) {
            return;
        }
        problem.getStringHeaders().forEach((name, values) -> ctx.response().putHeader(name, values));
        ctx.response().setStatusCode(problem.getStatus()).putHeader("Content-Type", Problem.MEDIA_TYPE)
                .end(String.valueOf(problem.getEntity()));
    }
}
