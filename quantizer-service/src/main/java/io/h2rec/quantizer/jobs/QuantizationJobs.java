package io.h2rec.quantizer.jobs;

import io.h2rec.domain.model.Codebook;
import io.h2rec.domain.model.JobListener;
import io.h2rec.domain.model.PreparationParams;
import io.h2rec.domain.port.in.PrepareDatasetCommand;
import io.h2rec.domain.port.in.PrepareDatasetUseCase;
import io.h2rec.domain.port.in.QuantizeCatalogCommand;
import io.h2rec.domain.port.in.QuantizeCatalogUseCase;
import io.h2rec.domain.port.out.ItemCatalog;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Quantization jobs run one at a time on a background thread (each uses every core), with
 * progress readable while they run. A failed or cancelled job writes nothing: the codebook is
 * committed in one transaction at the very end.
 */
@ApplicationScoped
public class QuantizationJobs {
    private static final Logger LOG = Logger.getLogger(QuantizationJobs.class);

    @Inject
    QuantizeCatalogUseCase quantize;
    @Inject
    PrepareDatasetUseCase datasets;
    @Inject
    ItemCatalog catalog;

    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "quantization-job");
        t.setDaemon(true);
        return t;
    });
    private final Map<Long, Tracked> jobs = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    /** Validates and queues; bad input fails here, before anything runs. */
    public QuantizationJob submit(QuantizationRequest request) {
        request.validate();
        if (request.datasetId() != null && catalog.find(request.datasetId()).isEmpty()) {
            throw new IllegalArgumentException("unknown dataset " + request.datasetId());
        }
        if (request.dataset() != null && !Files.exists(Path.of(request.dataset()))) {
            throw new IllegalArgumentException("dataset location " + request.dataset() + " does not exist");
        }
        Tracked job = new Tracked(ids.incrementAndGet(), request);
        jobs.put(job.id, job);
        executor.submit(() -> run(job));
        return job.snapshot();
    }

    public Optional<QuantizationJob> find(long id) {
        return Optional.ofNullable(jobs.get(id)).map(Tracked::snapshot);
    }

    public List<QuantizationJob> list() {
        return jobs.values().stream().map(Tracked::snapshot)
                .sorted(Comparator.comparingLong(QuantizationJob::id).reversed()).toList();
    }

    /** @return false when the job had already finished */
    public boolean cancel(long id) {
        Tracked job = jobs.get(id);
        if (job == null) {
            throw new java.util.NoSuchElementException("unknown quantization job " + id);
        }
        synchronized (job) {
            if (job.finishedAt != null) {
                return false;
            }
            job.cancelled = true;
            if (job.startedAt == null) {
                job.finish("CANCELLED", null, "cancelled before it started");
            }
        }
        return true;
    }

    private void run(Tracked job) {
        synchronized (job) {
            if (job.finishedAt != null) {
                return;
            }
            job.state = "RUNNING";
            job.startedAt = Instant.now();
        }
        try {
            QuantizationRequest r = job.request;
            long datasetId;
            if (r.datasetId() != null) {
                datasetId = r.datasetId();
            } else {
                job.progress("preparing dataset", 0, 1);
                int k = r.kCore() == null ? PreparationParams.DEFAULT.kCore() : r.kCore();
                datasetId = datasets.prepare(new PrepareDatasetCommand(r.dataset(),
                        new PreparationParams(k, PreparationParams.DEFAULT.minUserInteractions()))).registration().id();
            }
            job.datasetId = datasetId;
            Codebook book = quantize.quantize(new QuantizeCatalogCommand(datasetId, r.config(), r.textTemplate()), job);
            job.finish("SUCCEEDED", book.id(), null);
            LOG.infof("quantization job %d: codebook %d committed", job.id, book.id());
        } catch (CancellationException e) {
            job.finish("CANCELLED", null, "cancelled while " + job.stage);
        } catch (IllegalArgumentException e) {
            // The request's input refused (the job's FAILED state carries the reason): the caller's to fix,
            // like a 400, not an error of the service.
            LOG.infof("quantization job %d refused: %s", job.id, e.getMessage());
            job.finish("FAILED", null, e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (Throwable e) {
            LOG.errorf(e, "quantization job %d failed", job.id);
            job.finish("FAILED", null, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    @PreDestroy
    void stop() {
        jobs.values().forEach(j -> j.cancelled = true);
        executor.shutdownNow();
    }

    private static final class Tracked implements JobListener {
        final long id;
        final QuantizationRequest request;
        final Instant createdAt = Instant.now();
        volatile String state = "QUEUED";
        volatile String stage = "queued";
        volatile long done;
        volatile long total;
        volatile Long datasetId;
        volatile Long codebookId;
        volatile String error;
        volatile boolean cancelled;
        volatile Instant startedAt;
        volatile Instant finishedAt;

        Tracked(long id, QuantizationRequest request) {
            this.id = id;
            this.request = request;
            this.datasetId = request.datasetId();
        }

        @Override
        public void progress(String stage, long done, long total) {
            this.stage = stage;
            this.done = done;
            this.total = total;
        }

        @Override
        public boolean cancelled() {
            return cancelled;
        }

        synchronized void finish(String state, Long codebookId, String error) {
            this.state = state;
            this.codebookId = codebookId;
            this.error = error;
            this.finishedAt = Instant.now();
        }

        QuantizationJob snapshot() {
            return new QuantizationJob(id, state, stage, done, total, datasetId, codebookId, error, request, createdAt,
                    startedAt, finishedAt);
        }
    }
}
