package io.h2rec.training.runs;

import io.h2rec.domain.model.Run;
import io.h2rec.domain.model.RunStatus;
import io.h2rec.domain.model.RuntimeInfo;
import io.h2rec.domain.model.TrainingListener;
import io.h2rec.domain.port.in.TrainModelCommand;
import io.h2rec.domain.port.in.TrainModelUseCase;
import io.h2rec.domain.port.out.ExperimentStore;
import io.h2rec.training.config.TrainingConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Executes queued runs in the background (h2rec.training.concurrent-runs at a time). At start it
 * marks this host's runs left RUNNING by a dead process as FAILED (one-shot commands too), and
 * the service resumes QUEUED ones; one-shot commands execute only their own runs.
 */
@ApplicationScoped
public class RunScheduler {
    private static final Logger LOG = Logger.getLogger(RunScheduler.class);

    @Inject
    TrainModelUseCase training;
    @Inject
    ExperimentStore store;
    @Inject
    TrainingConfig config;
    @Inject
    RuntimeInfo runtime;

    private ExecutorService pool;

    void onStart(@Observes StartupEvent event) {
        for (Run run : store.findByStatus(RunStatus.RUNNING)) {
            if (isDeadLocalOwner(run.owner())) {
                store.markFailed(run.id(), "interrupted: the process executing it (" + run.owner() + ") stopped");
                LOG.warnf("run %d was left RUNNING by %s, which is gone: marked FAILED", run.id(), run.owner());
            }
        }
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
    }

    private boolean isDeadLocalOwner(String owner) {
        if (owner == null || !owner.startsWith(runtime.host() + ":")) {
            return false;
        }
        try {
            long pid = Long.parseLong(owner.substring(owner.lastIndexOf(':') + 1));
            return ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Queues one run per seed and starts them in the background. */
    public List<Run> start(long experimentId, List<Long> seeds) {
        if (pool == null) {
            throw new IllegalStateException("this process does not execute runs (h2rec.training.scheduler=false)");
        }
        List<Run> runs = new ArrayList<>();
        for (long seed : seeds) {
            Run run = training.queue(new TrainModelCommand(experimentId, seed));
            runs.add(run);
            submit(run.id());
        }
        return runs;
    }

    public boolean cancel(long runId) {
        return training.cancel(runId);
    }

    private void submit(long runId) {
        pool.submit(() -> {
            try {
                training.execute(runId, TrainingListener.NONE);
            } catch (IllegalStateException e) {
                LOG.infof("run %d not executed here: %s", runId, e.getMessage());
            } catch (RuntimeException e) {
                LOG.errorf(e, "run %d", runId);
            }
        });
    }

    @PreDestroy
    void stop() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
