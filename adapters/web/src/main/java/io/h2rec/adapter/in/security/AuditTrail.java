package io.h2rec.adapter.in.security;

import io.h2rec.domain.model.AuditEntry;
import io.h2rec.domain.port.out.AuditLog;
import io.h2rec.domain.reliability.Durably;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The audit trail: every write (POST, PUT, PATCH, DELETE) a service answers — refused ones too,
 * 401 and 403 included — becomes an {@code audit_log} row: who (the token's subject), what (method
 * and path; no body), when, from where (peer address, and any X-Forwarded-For), outcome (status).
 * The route sees requests before authentication, so nothing escapes it; rows are written off the
 * event loop, a moment after the answer, retried through a database outage of up to a minute.
 * The queue is bounded ({@value #QUEUE} rows): refusals of anonymous callers may fill half of it, so a
 * flood of them neither exhausts the heap nor crowds out the rows of identified callers; what does not
 * fit is dropped and counted ({@code h2rec_audit_dropped_total}, a log line a minute). Anonymous refusals are
 * also folded ({@link AnonymousRefusals}): a flood of one refused action from one address adds two rows a window
 * ({@code h2rec.audit.anonymous-window}, 60 s), not one per request (any failed anonymous write, 401 and 403
 * as well as a 404 on an open path).
 */
@ApplicationScoped
public class AuditTrail {
    private static final Logger LOG = Logger.getLogger(AuditTrail.class);
    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");
    static final String ANONYMOUS = "anonymous";
    static final int MAX_TEXT = 500;
    /** How {@link #remote} appends the caller's X-Forwarded-For to the peer address. */
    static final String FORWARDED_FOR = " (X-Forwarded-For: ";

    @Inject
    AuditLog log;
    @ConfigProperty(name = "quarkus.application.name")
    String service;
    /** How long anonymous refusals of one kind are folded into one row. */
    @ConfigProperty(name = "h2rec.audit.anonymous-window", defaultValue = "60s")
    Duration anonymousWindow;

    static final int QUEUE = 10_000;
    static final long RETRY_MILLIS = 60_000;

    @Inject
    Instance<MeterRegistry> registry;

    private final ThreadPoolExecutor writer = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(QUEUE), r -> {
                Thread t = new Thread(r, "audit-writer");
                t.setDaemon(true);
                return t;
            });
    private final AnonymousRefusals refusals = new AnonymousRefusals();
    private final ScheduledExecutorService windows = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "audit-anonymous-window");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong droppedLoggedAt = new AtomicLong();

    void onStart(@Observes StartupEvent event) {
        long window = anonymousWindow.toMillis();
        if (window <= 0) {
            throw new IllegalStateException("h2rec.audit.anonymous-window must be positive, not " + anonymousWindow
                    + ": it is how long anonymous failed writes of one kind are folded into one audit row");
        }
        windows.scheduleAtFixedRate(this::endWindow, window, window, TimeUnit.MILLISECONDS);
        if (registry.isResolvable()) {
            FunctionCounter.builder("h2rec.audit.dropped", dropped, AtomicLong::get)
                    .description("audit entries dropped: queue full (a flood) or shutting down").register(registry.get());
            Gauge.builder("h2rec.audit.queued", writer, w -> w.getQueue().size())
                    .description("audit entries waiting to be written").register(registry.get());
        }
    }

    /** Whether an entry joins a queue holding {@code queued}: anonymous callers' refusals up to half of it. */
    static boolean admit(boolean anonymous, int queued) {
        return queued < (anonymous ? QUEUE / 2 : QUEUE);
    }

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
                        ctx.response().getStatusCode(), 1);
                if (AnonymousRefusals.folds(entry) && !windows.isShutdown() && !refusals.firstOfItsKind(entry)) {
                    return; // counted: written with its window's repeats
                }
                enqueue(entry);
            });
        }
        ctx.next();
    }

    private void enqueue(AuditEntry entry) {
        if (!admit(ANONYMOUS.equals(entry.actor()), writer.getQueue().size())) {
            drop(entry, "queue full");
            return;
        }
        try {
            writer.execute(() -> write(entry));
        } catch (RejectedExecutionException fullOrShuttingDown) {
            drop(entry, writer.isShutdown() ? "shutting down" : "queue full");
        }
    }

    /** The folded anonymous refusals of the window that ends now, one row per kind. */
    private void endWindow() {
        try {
            refusals.flush(service, Instant.now()).forEach(this::enqueue);
        } catch (Throwable e) { // an escaping Error would cancel the schedule, and folding would stop for good
            LOG.errorf(e, "folded audit rows not queued");
        }
    }

    private void write(AuditEntry entry) {
        try {
            if (!Durably.write("audit entry", RETRY_MILLIS, () -> log.record(entry))) {
                LOG.errorf("audit entry not written (database unreachable for %d s): %s", RETRY_MILLIS / 1000, entry);
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "audit entry not written: %s", entry);
        }
    }

    private void drop(AuditEntry entry, String why) {
        long n = dropped.addAndGet(entry.repeats()); // a folded row stands for its repeats
        long now = System.currentTimeMillis();
        long last = droppedLoggedAt.get();
        if (now - last >= 60_000 && droppedLoggedAt.compareAndSet(last, now)) {
            LOG.warnf("audit entry dropped (%s; %d dropped since start, h2rec_audit_dropped_total): %s", why, n, entry);
        }
    }

    static String remote(HttpServerRequest request) {
        String peer = request.remoteAddress() == null ? "?" : request.remoteAddress().hostAddress();
        String forwarded = request.getHeader("X-Forwarded-For");
        return clip(forwarded == null || forwarded.isBlank() ? peer : peer + FORWARDED_FOR + forwarded + ")");
    }

    static String clip(String s) {
        return s.length() <= MAX_TEXT ? s : s.substring(0, MAX_TEXT) + "...";
    }

    /** Entries still queued are written before the database goes away. */
    void drain(@Observes ShutdownEvent event) throws InterruptedException {
        windows.shutdown(); // from now on every anonymous failure is queued as it comes (or dropped and counted)
        if (!windows.awaitTermination(1, TimeUnit.SECONDS)) {
            LOG.warn("audit window flush did not finish within 1 s");
        }
        endWindow();
        writer.shutdown();
        if (!writer.awaitTermination(5, TimeUnit.SECONDS)) {
            LOG.warn("audit writer did not finish within 5 s");
        }
    }
}
