package io.h2rec.quantizer.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.h2rec.adapter.in.security.DataRoots;
import io.h2rec.adapter.out.runtime.RuntimeInfos;
import io.h2rec.domain.error.ConflictException;
import io.h2rec.domain.error.InvalidInputException;
import io.h2rec.domain.error.NotFoundException;
import io.h2rec.domain.error.UnavailableException;
import io.h2rec.domain.model.CancelOutcome;
import io.h2rec.domain.model.Codebook;
import io.h2rec.domain.model.JobListener;
import io.h2rec.domain.model.JobProgress;
import io.h2rec.domain.model.LeasePolicy;
import io.h2rec.domain.model.PreparationParams;
import io.h2rec.domain.model.QuantizationJob;
import io.h2rec.domain.model.RunStatus;
import io.h2rec.domain.port.in.PrepareDatasetCommand;
import io.h2rec.domain.port.in.PrepareDatasetUseCase;
import io.h2rec.domain.port.in.QuantizeCatalogCommand;
import io.h2rec.domain.port.in.QuantizeCatalogUseCase;
import io.h2rec.domain.port.out.ItemCatalog;
import io.h2rec.domain.port.out.QuantizationJobStore;
import io.h2rec.domain.reliability.Durably;
import io.h2rec.domain.reliability.LeaseKeeper;
import io.h2rec.quantizer.config.QuantizerConfigMapping;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Quantization jobs, kept in PostgreSQL and run one at a time on a background thread (each uses
 * every core). The executing process holds each job's lease; any instance marks jobs whose lease
 * expired INTERRUPTED (at start and every heartbeat), and INTERRUPTED or FAILED jobs can be
 * restarted. A per-job watchdog fails a job that runs too long or stops moving, and abandons its
 * worker thread if it does not stop. A failed or cancelled job writes no codebook: the codebook
 * is committed in one transaction at the very end, and only if it is not degenerate.
 */
@ApplicationScoped
public class QuantizationJobs {
    private static final Logger LOG = Logger.getLogger(QuantizationJobs.class);
    private static final long ABANDON_AFTER_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final int LISTED = 100;

    @Inject
    QuantizeCatalogUseCase quantize;
    @Inject
    PrepareDatasetUseCase datasets;
    @Inject
    ItemCatalog catalog;
    @Inject
    QuantizationJobStore store;
    @Inject
    QuantizerConfigMapping config;
    @Inject
    ObjectMapper json;

    private LeaseKeeper leases;
    private volatile ExecutorService executor;
    private ScheduledExecutorService timer;
    private final Set<Long> submitted = ConcurrentHashMap.newKeySet();
    private final AtomicReference<Running> current = new AtomicReference<>();

    /** The job being executed, as its watchdog sees it. */
    private static final class Running {
        final long id;
        final LeaseKeeper.Held lease;
        final java.time.Duration limit;
        final long startedAt = System.nanoTime();
        volatile long movedAt = System.nanoTime();
        volatile String stage = "starting";
        volatile String watchdog;
        volatile long watchdogAt;
        /** Ended FAILED by the watchdog: the abandoned worker must not end the job again (a restart of it,
         *  claimed under this process's owner id, would take the old attempt's end). */
        volatile boolean abandoned;

        Running(long id, LeaseKeeper.Held lease, java.time.Duration limit) {
            this.id = id;
            this.lease = lease;
            this.limit = limit;
        }
    }

    void onStart(@Observes StartupEvent event) {
        String name = config.ownerId().filter(s -> !s.isBlank()).orElse(RuntimeInfos.current().host());
        leases = new LeaseKeeper(new LeasePolicy(LeasePolicy.ownerId(name), config.heartbeatSeconds(),
                config.leaseSeconds()), "quantization");
        sweep();
        if (!config.jobs()) {
            return;
        }
        executor = newExecutor();
        for (QuantizationJob job : store.findByState(RunStatus.QUEUED)) {
            enqueue(job.id());
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "quantization-watchdog");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(() -> {
            sweep();
            watchdog();
        }, config.heartbeatSeconds(), config.heartbeatSeconds(), TimeUnit.SECONDS);
    }

    private static ExecutorService newExecutor() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "quantization-job");
            t.setDaemon(true);
            return t;
        });
    }

    /** Marks jobs whose lease expired INTERRUPTED; takes up QUEUED jobs nobody executes. */
    private void sweep() {
        try {
            for (QuantizationJob j : store.interruptExpired(config.leaseSeconds(), leases.policy().owner())) {
                LOG.warnf("quantization job %d marked INTERRUPTED: %s", j.id(), j.error());
            }
            if (executor != null) {
                java.time.Instant stale = java.time.Instant.now().minusSeconds(config.leaseSeconds());
                store.findByState(RunStatus.QUEUED).stream().filter(j -> j.createdAt().isBefore(stale))
                        .forEach(j -> enqueue(j.id()));
            }
        } catch (RuntimeException e) {
            LOG.warnf("sweep of abandoned quantization jobs failed (retried at the next heartbeat): %s", e.toString());
        }
    }

    /** Validates and queues; bad input fails here, before anything runs. */
    public QuantizationJobView submit(QuantizationRequest request) {
        request.validate();
        quantize.validate(request.config());
        if (request.datasetId() != null && catalog.find(request.datasetId()).isEmpty()) {
            throw new InvalidInputException("datasetId", "unknown dataset " + request.datasetId());
        }
        if (executor == null) {
            throw new UnavailableException("this process does not execute quantization jobs");
        }
        QuantizationJob job = store.create(write(request), request.datasetId());
        enqueue(job.id());
        return view(job);
    }

    public Optional<QuantizationJobView> find(long id) {
        return store.find(id).map(this::view);
    }

    public List<QuantizationJobView> list() {
        return store.list(LISTED).stream().map(this::view).toList();
    }

    /** Cancels a job in any non-terminal state; a running one stops within a heartbeat. */
    public CancelOutcome cancel(long id) {
        store.find(id).orElseThrow(() -> new NotFoundException("quantization job", id));
        CancelOutcome outcome = store.cancel(id, config.leaseSeconds(), "cancelled by request");
        LeaseKeeper.Held local = leases.find(id);
        if (outcome == CancelOutcome.REQUESTED && local != null) {
            local.requestCancel();
        }
        return outcome;
    }

    /** An INTERRUPTED or FAILED job, queued again from the start. */
    public QuantizationJobView restart(long id) {
        store.find(id).orElseThrow(() -> new NotFoundException("quantization job", id));
        QuantizationJob job = store.requeue(id);
        if (executor != null) {
            enqueue(id);
        }
        return view(job);
    }

    private void enqueue(long id) {
        if (submitted.add(id)) {
            executor.submit(() -> {
                try {
                    run(id);
                } finally {
                    submitted.remove(id);
                }
            });
        }
    }

    private void run(long id) {
        QuantizationJob job = store.find(id).orElse(null);
        if (job == null || job.state() != RunStatus.QUEUED) {
            return;
        }
        String owner = leases.policy().owner();
        try {
            store.claim(id, owner);
        } catch (ConflictException e) {
            LOG.infof("quantization job %d not executed here: %s", id, e.getMessage());
            return;
        }
        AtomicReference<JobProgress> latest = new AtomicReference<>();
        AtomicReference<Long> dataset = new AtomicReference<>(job.datasetId());
        LeaseKeeper.Held lease = leases.hold(id, () -> store.heartbeat(id, owner, latest.getAndSet(null), dataset.get()));
        Running running = new Running(id, lease, limit(job));
        current.set(running);
        JobListener listener = new JobListener() {
            @Override
            public void progress(String stage, long done, long total) {
                latest.set(new JobProgress(stage, done, total));
                running.stage = stage;
                running.movedAt = System.nanoTime();
            }

            @Override
            public boolean cancelled() {
                return lease.stopRequested() || running.watchdog != null;
            }
        };
        try {
            QuantizationRequest r = read(job.request());
            long datasetId;
            if (r.datasetId() != null) {
                datasetId = r.datasetId();
            } else {
                listener.progress("preparing dataset", 0, 1);
                int k = r.kCore() == null ? PreparationParams.DEFAULT.kCore() : r.kCore();
                datasetId = datasets.prepare(new PrepareDatasetCommand(DataRoots.current().resolve("dataset", r.dataset()),
                        new PreparationParams(k, PreparationParams.DEFAULT.minUserInteractions()))).registration().id();
            }
            dataset.set(datasetId);
            Codebook book = quantize.quantize(new QuantizeCatalogCommand(datasetId, r.config(), r.textTemplate(),
                    r.minDistinct()), listener);
            end(running, RunStatus.SUCCEEDED, null, book.id(), new JobProgress("committed", 1, 1));
            LOG.infof("quantization job %d: codebook %d committed", id, book.id());
        } catch (CancellationException e) {
            if (running.watchdog != null) {
                end(running, RunStatus.FAILED, running.watchdog, null, null);
            } else if (lease.cancelRequested()) {
                end(running, RunStatus.CANCELLED, "cancelled while " + running.stage, null, null);
            } else {
                end(running, RunStatus.INTERRUPTED, lease.interruption() + "; POST /api/v1/quantizations/" + id
                        + "/restart runs it again", null, null);
            }
        } catch (InvalidInputException e) {
            // The request's input refused (the job's FAILED state carries the reason): the caller's to fix,
            // like a 400, not an error of the service.
            String reason = DataRoots.current().redact(e.getMessage());
            LOG.infof("quantization job %d refused: %s", id, reason);
            end(running, RunStatus.FAILED, reason, null, null);
        } catch (Throwable e) {
            String errorId = Durably.errorId();
            LOG.errorf(e, "quantization job %d failed (error %s)", id, errorId);
            if (lease.interruption() != null || Durably.databaseUnreachable(e)) {
                lease.interrupt("interrupted: the database became unreachable");
                end(running, RunStatus.INTERRUPTED, lease.interruption() + " while " + running.stage
                        + "; POST /api/v1/quantizations/" + id + "/restart runs it again", null, null);
            } else {
                String message = e.getMessage() == null ? e.getClass().getSimpleName()
                        : DataRoots.current().redact(e.getMessage()); // no server paths in the job's state
                end(running, RunStatus.FAILED, message + " (error " + errorId + ")", null, null);
            }
        } finally {
            leases.release(lease);
            current.compareAndSet(running, null);
        }
    }

    /** Writes the job's end, through a database outage for up to two leases; never for a job no longer held. */
    private void end(Running running, RunStatus to, String error, Long codebookId, JobProgress progress) {
        if (running.abandoned) {
            LOG.warnf("quantization job %d: its abandoned worker ended (%s); not recorded, the watchdog failed it",
                    running.id, to);
            return;
        }
        if (running.lease.lost()) {
            LOG.warnf("quantization job %d: %s; its end (%s) is not recorded", running.id,
                    running.lease.interruption(), to);
            return;
        }
        try {
            Durably.write("quantization job " + running.id + " -> " + to, 2000 * config.leaseSeconds(),
                    () -> store.finish(running.id, leases.policy().owner(), to, error, codebookId, progress));
        } catch (ConflictException e) {
            LOG.warnf("quantization job %d could not become %s: %s", running.id, to, e.getMessage());
        }
    }

    /**
     * Fails the current job when it runs too long or stops moving; if its worker does not stop
     * within 30 s of that, the job is marked FAILED here and the worker thread abandoned (the next
     * jobs get a fresh one).
     */
    private void watchdog() {
        Running r = current.get();
        if (r == null) {
            return;
        }
        long now = System.nanoTime();
        if (r.watchdog == null) {
            if (now - r.startedAt > r.limit.toNanos()) {
                r.watchdog = "watchdog: the job ran longer than " + r.limit + " (stage: " + r.stage + ")";
            } else if (now - r.movedAt > config.stallTimeout().toNanos()) {
                r.watchdog = "watchdog: no progress for " + config.stallTimeout() + " (stage: " + r.stage + ")";
            }
            r.watchdogAt = now;
            return;
        }
        if (now - r.watchdogAt > ABANDON_AFTER_NANOS && current.compareAndSet(r, null)) {
            LOG.errorf("quantization job %d: %s, and its worker did not stop: abandoning it", r.id, r.watchdog);
            end(r, RunStatus.FAILED, r.watchdog + "; the worker did not stop and was abandoned", null, null);
            r.abandoned = true;
            leases.release(r.lease);
            ExecutorService stuck = executor;
            executor = newExecutor();
            List<Runnable> waiting = stuck.shutdownNow();
            submitted.clear();
            if (!waiting.isEmpty()) {
                store.findByState(RunStatus.QUEUED).forEach(j -> enqueue(j.id()));
            }
        }
    }

    /** The job's watchdog limit: its own timeoutSeconds, never more than the service's. */
    private java.time.Duration limit(QuantizationJob job) {
        java.time.Duration max = config.maxJobDuration();
        try {
            Integer own = read(job.request()).timeoutSeconds();
            return own != null && own < max.toSeconds() ? java.time.Duration.ofSeconds(own) : max;
        } catch (IllegalStateException e) {
            return max;
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        if (timer != null) {
            timer.shutdownNow();
        }
        if (leases == null) {
            return;
        }
        leases.interruptAll("interrupted: the quantizer service shut down");
        List<Long> left = leases.awaitReleased(20_000);
        if (!left.isEmpty()) {
            LOG.warnf("quantization jobs %s did not stop in time; their leases expire and any instance marks them "
                    + "INTERRUPTED", left);
        }
        if (executor != null) {
            executor.shutdownNow();
        }
        leases.close();
    }

    private QuantizationJobView view(QuantizationJob job) {
        QuantizationRequest request;
        try {
            request = read(job.request());
        } catch (IllegalStateException e) {
            request = null;
        }
        return QuantizationJobView.of(job, request);
    }

    private String write(QuantizationRequest request) {
        try {
            return json.writeValueAsString(request);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot store the request", e);
        }
    }

    private QuantizationRequest read(String stored) {
        try {
            return json.readValue(stored, QuantizationRequest.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored request is unreadable: " + e.getOriginalMessage(), e);
        }
    }
}
