package io.h2rec.domain.service;

import io.h2rec.domain.model.Codebook;
import io.h2rec.domain.model.CodebookDescriptor;
import io.h2rec.domain.model.EvaluationProtocol;
import io.h2rec.domain.model.ExperimentSpec;
import io.h2rec.domain.model.LedgerRun;
import io.h2rec.domain.model.Provenance;
import io.h2rec.domain.model.RegisteredDataset;
import io.h2rec.domain.model.Run;
import io.h2rec.domain.model.RunProgress;
import io.h2rec.domain.model.RunStatus;
import io.h2rec.domain.port.in.PrepareDatasetCommand;
import io.h2rec.domain.port.in.PrepareDatasetUseCase;
import io.h2rec.domain.port.out.CodebookStore;
import io.h2rec.domain.port.out.ExperimentStore;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Puts a dataset's run-ledger lines into this registry (MLflow's import-run is the model): each line whose key no run
 * here has becomes a SUCCEEDED run with the line's seed, instants, metrics and learning curve, under an experiment
 * named after the line's model and configuration, so the registry's REST API lists and compares runs trained on other
 * machines beside its own. No weights travel: an imported run has no model version. Lines of runs this registry
 * trained (exported earlier) are recognised by their key and skipped; importing again adds nothing.
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

    /** Imports the ledger lines of the dataset as {@code command} prepares it; {@code progress} hears each run added. */
    public Outcome importLedger(PrepareDatasetCommand command, Consumer<String> progress) {
        RegisteredDataset ds = datasets.prepare(command).registration();
        Set<String> here = new HashSet<>();
        for (Run run : store.findByStatus(RunStatus.SUCCEEDED)) {
            if (run.importedFrom() != null) {
                here.add(run.importedFrom());
            } else if (run.provenance() != null && ds.fingerprint().equals(run.provenance().datasetFingerprint())) {
                here.add(ledger.line(run).key());
            }
        }
        int imported = 0;
        int present = 0;
        int other = 0;
        for (LedgerRun line : ledger.all(ds.name())) {
            if (!ds.fingerprint().equals(line.datasetFingerprint())) {
                other++;
            } else if (!here.add(line.key())) {
                present++;
            } else {
                Long codebookId = codebookOf(ds, line.codebook());
                ExperimentSpec spec = new ExperimentSpec(experimentName(ds, line, codebookId), ds.id(), codebookId,
                        line.model(), line.config(), List.of(line.seed()));
                long experimentId = store.saveExperimentIfAbsent(spec).value().id();
                Run run = store.importRun(experimentId, line, provenance(ds, line, codebookId), progress(line, codebookId));
                imported++;
                progress.accept(String.format(Locale.ROOT, "run %d: %s seed %d, run %d on %s (code %s)%s",
                        run.id(), line.model(), line.seed(), line.sourceRunId(), line.host(), line.codeVersion(),
                        line.codebook() != null && codebookId == null ? "; its codebook is not in this registry" : ""));
            }
        }
        return new Outcome(ds.name(), imported, present, other);
    }

    /**
     * This registry's codebook of the dataset made the way the line's was (same settings, encoder and text template)
     * and, when the line records its codes' digest, with the same codes; the newest of those, or null.
     */
    private Long codebookOf(RegisteredDataset ds, CodebookDescriptor theirs) {
        if (theirs == null) {
            return null;
        }
        return codebooks.list(ds.id()).stream()
                .filter(c -> CodebookDescriptor.of(c).canonical().equals(theirs.canonical()))
                .filter(c -> theirs.codes() == null || theirs.codes().equals(ledger.codesDigest(c.id())))
                .max(Comparator.comparingLong(Codebook::id)).map(Codebook::id).orElse(null);
    }

    /** One experiment per dataset, model, configuration and codebook; its runs are the seeds. */
    static String experimentName(RegisteredDataset ds, LedgerRun line, Long codebookId) {
        String codebook = line.codebook() == null ? "" : codebookId != null ? "-cb" + codebookId
                : "-" + line.codebook().quantizer() + (line.codebook().codes() == null ? ""
                : "-" + line.codebook().codes().substring(0, 8));
        return "ledger-" + ds.name() + "-" + line.model() + "-" + ds.fingerprint().substring(0, 8) + codebook + "-"
                + Integer.toHexString(new TreeMap<>(line.config()).toString().hashCode());
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
