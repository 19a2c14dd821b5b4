package io.h2rec.adapter.in.security;

import io.h2rec.domain.model.AuditEntry;
import io.h2rec.domain.port.out.AuditLog;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The audit trail: every write (POST, PUT, PATCH, DELETE) a service answers — refused ones too,
 * 401 and 403 included — becomes an {@code audit_log} row: who (the token's subject), what (method
 * and path; no body), when, from where (peer address, and any X-Forwarded-For), outcome (status).
 * The route sees requests before authentication, so nothing escapes it; rows are written off the
 * event loop, a moment after the answer.
 */
@ApplicationScoped
public class AuditTrail {
    private static final Logger LOG = Logger.getLogger(AuditTrail.class);
    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");
    static final String ANONYMOUS = "anonymous";
    static final int MAX_TEXT = 500;

    @Inject
    AuditLog log;
    @ConfigProperty(name = "quarkus.application.name")
    String service;

    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "audit-writer");
        t.setDaemon(true);
        return t;
    });

    void routes(@Observes Router router) {
        router.route().order(-10_000).handler(this::observe);
    }

    private void observe(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        if (WRITES.contains(request.method().name())) {
            String action = clip(request.method().name() + " " + request.path());
            String remote = remote(request);
            ctx.addEndHandler(done -> {
                SecurityIdentity identity = ctx.user() instanceof QuarkusHttpUser u ? u.getSecurityIdentity() : null;
                String actor = identity == null || identity.isAnonymous() ? ANONYMOUS : clip(identity.getPrincipal().getName());
                String roles = identity == null ? "" : String.join(",", new TreeSet<>(identity.getRoles()));
                AuditEntry entry = new AuditEntry(0, Instant.now(), service, actor, clip(roles), action, remote,
                        ctx.response().getStatusCode());
                try {
                    writer.execute(() -> write(entry));
                } catch (RejectedExecutionException shuttingDown) {
                    LOG.warnf("audit entry not written (shutting down): %s", entry);
                }
            });
        }
        ctx.next();
    }

    private void write(AuditEntry entry) {
        try {
            log.record(entry);
        } catch (RuntimeException e) {
            LOG.errorf(e, "audit entry not written: %s", entry);
        }
    }

    static String remote(HttpServerRequest request) {
        String peer = request.remoteAddress() == null ? "?" : request.remoteAddress().hostAddress();
        String forwarded = request.getHeader("X-Forwarded-For");
        return clip(forwarded == null || forwarded.isBlank() ? peer : peer + " (X-Forwarded-For: " + forwarded + ")");
    }

    static String clip(String s) {
        return s.length() <= MAX_TEXT ? s : s.substring(0, MAX_TEXT) + "...";
    }

    /** Entries still queued are written before the database goes away. */
    void drain(@Observes ShutdownEvent event) throws InterruptedException {
        writer.shutdown();
        if (!writer.awaitTermination(5, TimeUnit.SECONDS)) {
            LOG.warn("audit writer did not finish within 5 s");
        }
    }
}
