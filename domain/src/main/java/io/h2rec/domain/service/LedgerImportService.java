package io.h2rec.domain.service;

import io.h2rec.domain.error.InvalidInputException;
import io.h2rec.domain.model.Codebook;
import io.h2rec.domain.model.CodebookDescriptor;
import io.h2rec.domain.model.Created;
import io.h2rec.domain.model.EvaluationProtocol;
import io.h2rec.domain.model.ExperimentSpec;
import io.h2rec.domain.model.LedgerRun;
import io.h2rec.domain.model.MetricValue;
import io.h2rec.domain.model.Provenance;
import io.h2rec.domain.model.RegisteredDataset;
import io.h2rec.domain.model.Run;
import io.h2rec.domain.model.RunProgress;
import io.h2rec.domain.model.RunStatus;
import io.h2rec.domain.model.Sha256;
import io.h2rec.domain.port.in.PrepareDatasetCommand;
import io.h2rec.domain.port.in.PrepareDatasetUseCase;
import io.h2rec.domain.port.out.CodebookStore;
import io.h2rec.domain.port.out.ExperimentStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Puts a dataset's run-ledger lines into this registry (MLflow's import-run is the model): each line whose key no run
 * here has becomes a SUCCEEDED run with the line's seed, instants, metrics and learning curve, under an experiment
 * named after the line's model and configuration, so the registry's REST API lists and compares runs trained on other
 * machines beside its own. No weights travel: an imported run has no model version. Lines of runs this registry
 * trained (exported earlier) are recognised by their key or by host, run id and start, and skipped; importing again
 * adds nothing.
 */
public final class LedgerImportService {
    private final PrepareDatasetUseCase datasets;
    private final RunLedgerService ledger;
    private final ExperimentStore store;
    private final CodebookStore codebooks;
    private final EvaluationProtocol protocol;

    public LedgerImportService(PrepareDatasetUseCase datasets, RunLedgerService ledger, ExperimentStore store,
                               CodebookStore codebooks, EvaluationProtocol protocol) {
        this.datasets = datasets;
        this.ledger = ledger;
        this.store = store;
        this.codebooks = codebooks;
        this.protocol = protocol;
    }

    /**
     * What an import did: runs added, lines this registry already had (trained here or imported before), and lines of
     * the dataset prepared otherwise (another filter or split: another fingerprint), which stay in the ledger only.
     */
    public record Outcome(String datasetName, int imported, int present, int otherPreparation) {
    }

    /**
     * Imports the ledger lines of the dataset as {@code command} prepares it; {@code progress} hears each run added.
     *
     * @throws InvalidInputException naming the line when a line of this dataset is not one a registry can hold (a key
     *                               that is not a SHA-256, a metric given twice); nothing is imported then
     */
    public Outcome importLedger(PrepareDatasetCommand command, Consumer<String> progress) {
        RegisteredDataset ds = datasets.prepare(command).registration();
        List<LedgerRun> mine = new ArrayList<>();
        int other = 0;
        for (LedgerRun line : ledger.all(ds.name())) {
            if (ds.fingerprint().equals(line.datasetFingerprint())) {
                check(line);
                mine.add(line);
            } else {
                other++;
            }
        }
        Set<String> here = new HashSet<>();
        for (Run run : store.findByStatus(RunStatus.SUCCEEDED)) {
            if (run.importedFrom() != null) {
                here.add(run.importedFrom());
            } else if (run.provenance() != null && ds.fingerprint().equals(run.provenance().datasetFingerprint())) {
                here.add(identity(run.provenance().host(), run.id(), run.startedAt()));
                try {
                    here.add(ledger.line(run).key());
                } catch (RuntimeException e) {   // its identity above still recognises its exported line
                }
            }
        }
        // The lines to import, each with this registry's codebook (or none) and its experiment; the experiment's seeds.
        List<Missing> missing = new ArrayList<>();
        Map<String, Optional<Long>> codebookIds = new HashMap<>();
        Map<String, List<Long>> seeds = new HashMap<>();
        for (LedgerRun line : mine) {
            if (!here.contains(identity(line.host(), line.sourceRunId(), line.startedAt())) && here.add(line.key())) {
                Long codebookId = codebookOf(ds, line.codebook(), codebookIds);
                Missing m = new Missing(line, codebookId, experimentName(ds, line, codebookId));
                missing.add(m);
                seeds.computeIfAbsent(m.experiment(), n -> new ArrayList<>()).add(line.seed());
            }
        }
        int imported = 0;
        for (Missing m : missing) {
            LedgerRun line = m.line();
            Long codebookId = m.codebookId();
            ExperimentSpec spec = new ExperimentSpec(m.experiment(), ds.id(), codebookId, line.model(), line.config(),
                    seeds.get(m.experiment()).stream().distinct().sorted().toList());
            long experimentId = store.saveExperimentIfAbsent(spec).value().id();
            Created<Run> run = store.importRun(experimentId, line, provenance(ds, line, codebookId),
                    progress(line, codebookId));
            if (!run.created()) {
                continue;   // a concurrent import put it here first
            }
            imported++;
            progress.accept(String.format(Locale.ROOT, "run %d: %s seed %d, run %d on %s (code %s)%s", run.value().id(),
                    line.model(), line.seed(), line.sourceRunId(), line.host(), line.codeVersion(),
                    line.codebook() != null && codebookId == null ? "; its codebook is not identified in this registry" : ""));
        }
        return new Outcome(ds.name(), imported, mine.size() - imported, other);
    }

    /** A line to import, this registry's codebook of its run (null: none identified) and the experiment it goes under. */
    private record Missing(LedgerRun line, Long codebookId, String experiment) {
    }

    /** What a registry cannot hold: a key that is not a SHA-256 (the run's config hash), a metric given twice. */
    private static void check(LedgerRun line) {
        String which = "the ledger's line of " + line.model() + " seed " + line.seed() + " (run " + line.sourceRunId()
                + " on " + line.host() + ")";
        if (!line.key().matches("[0-9a-f]{64}")) {
            throw new InvalidInputException("ledger", which + " has the key '" + line.key() + "', not a SHA-256 in hex: "
                    + "nothing was imported; correct the line");
        }
        Set<String> seen = new HashSet<>();
        for (MetricValue m : line.metrics()) {
            if (!seen.add(m.split() + "/" + m.protocol() + "/" + m.group() + "/" + m.metric() + "@" + m.k())) {
                throw new InvalidInputException("ledger", which + " gives " + m.split() + " " + m.protocol() + " "
                        + m.group() + " " + m.metric() + "@" + m.k() + " twice: nothing was imported; correct the line");
            }
        }
    }

    /** A run by the registry that ran it: its host, its id there and its start (what an exported line records). */
    private static String identity(String host, long runId, Instant startedAt) {
        return host + "|" + runId + "|" + startedAt;
    }

    /**
     * This registry's codebook with the very codes the line's run saw: made the same way (settings, encoder, text
     * template) and with the line's codes digest; the newest of those, or null. A line without a digest names none
     * (the same settings do not promise the same codes: {@link CodebookDescriptor}).
     */
    private Long codebookOf(RegisteredDataset ds, CodebookDescriptor theirs, Map<String, Optional<Long>> cache) {
        if (theirs == null || theirs.codes() == null) {
            return null;
        }
        return cache.computeIfAbsent(theirs.canonical() + ";codes=" + theirs.codes(), k -> codebooks.list(ds.id()).stream()
                .filter(c -> CodebookDescriptor.of(c).canonical().equals(theirs.canonical()))
                .filter(c -> theirs.codes().equals(ledger.codesDigest(c.id())))
                .max(Comparator.comparingLong(Codebook::id)).map(Codebook::id)).orElse(null);
    }

    /**
     * One experiment per dataset, model, configuration, codebook (its settings and codes) and evaluation protocol: its
     * runs are the seeds. A codebook this registry holds is named by id.
     */
    static String experimentName(RegisteredDataset ds, LedgerRun line, Long codebookId) {
        CodebookDescriptor cb = line.codebook();
        String what = new TreeMap<>(line.config()) + "\n" + (cb == null ? "none" : cb.canonical() + ";codes=" + cb.codes())
                + "\n" + line.protocol();
        return "ledger-" + ds.name() + "-" + line.model() + "-" + ds.fingerprint().substring(0, 8)
                + (codebookId == null ? "" : "-cb" + codebookId) + "-" + Sha256.hex(what).substring(0, 12);
    }

    private Provenance provenance(RegisteredDataset ds, LedgerRun line, Long codebookId) {
        // The line's protocol is this registry's when its text is (a temporal line adds "; split=...", which the
        // preparation records).
        EvaluationProtocol evaluation = line.protocol() != null && line.protocol().startsWith(protocol.toString())
                ? protocol : null;
        return new Provenance(line.datasetName(), line.datasetFingerprint(), ds.params(), evaluation, codebookId,
                line.model(), line.config(), line.seed(), line.codeVersion(), line.device(), line.host());
    }

    private static RunProgress progress(LedgerRun line, Long codebookId) {
        String codebook = line.codebook() == null ? "" : codebookId != null ? ", its codebook is " + codebookId
                : ", its codebook (" + line.codebook().quantizer() + (line.codebook().codes() == null ? ""
                : ", codes " + line.codebook().codes().substring(0, 8)) + ") is not in this registry";
        return new RunProgress(line.epochs(), line.epochs(), Double.NaN, Double.NaN, line.bestEpoch(),
                line.bestValidationNdcg(), line.secondsPerEpoch(), "imported from the run ledger: run "
                + line.sourceRunId() + " on " + line.host() + " (code " + line.codeVersion() + ")" + codebook
                + "; no weights");
    }
}
