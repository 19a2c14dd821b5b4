package io.h2rec.training.adapter.in.rest;

import io.h2rec.adapter.in.security.DataRoots;
import io.h2rec.domain.model.Experiment;
import io.h2rec.domain.model.ModelVersion;
import io.h2rec.domain.model.Provenance;
import io.h2rec.domain.model.RegisteredDataset;
import io.h2rec.domain.model.Run;
import io.h2rec.domain.model.RunProgress;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What the registry API shows (NaN becomes null: JSON has no NaN; no absolute server path). */
final class Views {
    private Views() {
    }

    record DatasetView(long id, String name, String format, String location, String fingerprint, int kCore,
                       String split, int users, int items, int interactions, int usersBefore, int itemsBefore,
                       int interactionsBefore) {
        static DatasetView of(RegisteredDataset d) {
            return new DatasetView(d.id(), d.name(), d.format(), DataRoots.current().display(d.location()),
                    d.fingerprint(), d.params().kCore(), d.params().split().canonical(),
                    d.stats().usersAfter(), d.stats().itemsAfter(), d.stats().interactionsAfter(),
                    d.stats().usersBefore(), d.stats().itemsBefore(), d.stats().interactionsBefore());
        }
    }

    record ExperimentView(long id, String name, long datasetId, Long codebookId, String model,
                          Map<String, String> params, List<Long> seeds, Instant createdAt) {
        static ExperimentView of(Experiment e) {
            return new ExperimentView(e.id(), e.spec().name(), e.spec().datasetId(), e.spec().codebookId(),
                    e.spec().model(), e.spec().params(), e.spec().seeds(), e.createdAt());
        }
    }

    record ProgressView(int epoch, int maxEpochs, Double loss, Double validationNdcg10, int bestEpoch,
                        Double bestValidationNdcg10, Double secondsPerEpoch, String message) {
        static ProgressView of(RunProgress p) {
            return p == null ? null : new ProgressView(p.epoch(), p.maxEpochs(), finite(p.loss()),
                    finite(p.validationNdcg()), p.bestEpoch(), finite(p.bestValidationNdcg()),
                    finite(p.secondsPerEpoch()), p.message());
        }
    }

    /**
     * @param owner the process holding its lease; heartbeatAt its last renewal; attempt 1 + resumes
     * @param importedFrom the run-ledger key it was imported from (trained elsewhere, no weights), null if trained here
     */
    record RunView(long id, long experimentId, long seed, String status, String configHash, Provenance provenance,
                   ProgressView progress, String error, Instant createdAt, Instant startedAt, Instant finishedAt,
                   String owner, Instant heartbeatAt, int attempt, String importedFrom) {
        static RunView of(Run r) {
            return new RunView(r.id(), r.experimentId(), r.seed(), r.status().name(), r.configHash(), r.provenance(),
                    ProgressView.of(r.progress()), r.error(), r.createdAt(), r.startedAt(), r.finishedAt(), r.owner(),
                    r.heartbeatAt(), r.attempt(), r.importedFrom());
        }
    }

    record ModelVersionView(long id, long runId, String modelType, String artifactUri, String checksum,
                            Provenance provenance, boolean active, Instant createdAt) {
        static ModelVersionView of(ModelVersion v) {
            return new ModelVersionView(v.id(), v.runId(), v.modelType(), artifact(v.artifactUri()), v.checksum(),
                    v.provenance(), v.active(), v.createdAt());
        }
    }

    /** An artifact as responses name it: "artifacts/NAME", never the server's absolute path. */
    static String artifact(String uri) {
        try {
            java.nio.file.Path name = java.nio.file.Path.of(java.net.URI.create(uri)).getFileName();
            return name == null ? "artifacts" : "artifacts/" + name;
        } catch (RuntimeException notAFileUri) {
            return "artifacts/?";
        }
    }

    static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
