package io.h2rec.wiring;

import io.h2rec.domain.error.ConflictException;
import io.h2rec.domain.error.UnavailableException;
import io.h2rec.domain.model.CancelOutcome;
import io.h2rec.domain.model.Created;
import io.h2rec.domain.model.Run;
import io.h2rec.domain.model.RunStatus;
import io.h2rec.domain.model.TrainingListener;
import io.h2rec.domain.port.in.TrainModelCommand;
import io.h2rec.domain.port.in.TrainModelUseCase;
import io.h2rec.domain.port.out.ExperimentStore;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Executes queued runs in the background (h2rec.training.concurrent-runs at a time). Every process
 * that trains (the service, its one-shot commands and the lab's) marks runs whose lease expired
 * INTERRUPTED at start; the service does so
 * every heartbeat, and also takes up QUEUED runs nobody executes (their service died before
 * starting them). On shutdown (SIGTERM) the runs this process executes stop at their next step,
 * keep their checkpoint and end INTERRUPTED, ready to resume.
 */
@ApplicationScoped
public class RunScheduler {
    private static final Logger LOG = Logger.getLogger(RunScheduler.class);
    private static final long SHUTDOWN_WAIT_MILLIS = 30_000;

    @Inject
    TrainModelUseCase training;
    @Inject
    ExperimentStore store;
    @Inject
    TrainingConfig config;

    private ExecutorService pool;
    private ScheduledExecutorService sweeper;
    private final Set<Long> submitted = ConcurrentHashMap.newKeySet();

    void onStart(@Observes StartupEvent event) {
        sweepAbandoned();
        if (!config.scheduler()) {
            return;
        }
        pool = Executors.newFixedThreadPool(config.concurrentRuns(), r -> {
            Thread t = new Thread(r, "training-run");
            t.setDaemon(true);
            return t;
        });
        for (Run run : store.findByStatus(RunStatus.QUEUED)) {
            submit(run.id());
        }
        sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "run-sweeper");
            t.setDaemon(true);
            return t;
        });
        sweeper.scheduleWithFixedDelay(this::sweep, config.heartbeatSeconds(), config.heartbeatSeconds(),
                TimeUnit.SECONDS);
    }

    private void sweep() {
        try {
            sweepAbandoned();
            Instant stale = Instant.now().minusSeconds(config.leaseSeconds());
            for (Run run : store.findByStatus(RunStatus.QUEUED)) {
                if (!submitted.contains(run.id()) && run.createdAt().isBefore(stale)) {
                    LOG.infof("run %d is QUEUED and no process executes it: taking it up", run.id());
                    submit(run.id());
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf("sweep of abandoned runs failed (retried at the next heartbeat): %s", e.toString());
        }
    }

    private void sweepAbandoned() {
        try {
            training.interruptAbandoned();
        } catch (RuntimeException e) {
            LOG.warnf("could not mark abandoned runs: %s", e.toString());
        }
    }

    /** Queues one run per seed (or reuses the active run of the same config unless forced) and starts them. */
    public List<Created<Run>> start(long experimentId, List<Long> seeds, boolean force) {
        if (pool == null) {
            throw new UnavailableException("this process does not execute runs (h2rec.training.scheduler=false)");
        }
        List<Created<Run>> runs = new ArrayList<>();
        for (long seed : seeds) {
            Created<Run> run = training.submit(new TrainModelCommand(experimentId, seed, !force));
            runs.add(run);
            if (run.created()) {
                submit(run.value().id());
            }
        }
        return runs;
    }

    public CancelOutcome cancel(long runId) {
        return training.cancel(runId);
    }

    /** Back to QUEUED and executed here from its last checkpoint. */
    public Run resume(long runId) {
        Run run = training.resume(runId);
        if (pool != null) {
            submit(runId);
        }
        return run;
    }

    private void submit(long runId) {
        if (!submitted.add(runId)) {
            return;
        }
        pool.submit(() -> {
            try {
                training.execute(runId, TrainingListener.NONE);
            } catch (ConflictException e) {
                LOG.infof("run %d not executed here: %s", runId, e.getMessage());
            } catch (RuntimeException e) {
                LOG.errorf(e, "run %d", runId);
            } finally {
                submitted.remove(runId);
            }
        });
    }

    void onStop(@Observes ShutdownEvent event) {
        if (sweeper != null) {
            sweeper.shutdownNow();
        }
        List<Long> left = training.interruptAll("the process executing it shut down", SHUTDOWN_WAIT_MILLIS);
        if (!left.isEmpty()) {
            LOG.warnf("runs %s did not stop within %d s; their leases expire and any process marks them INTERRUPTED",
                    left, SHUTDOWN_WAIT_MILLIS / 1000);
        }
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
