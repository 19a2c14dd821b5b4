package io.h2rec.domain.service;

import io.h2rec.domain.model.ConfigHash;
import io.h2rec.domain.port.out.Trainers;

import io.h2rec.domain.model.CodebookDescriptor;
import io.h2rec.domain.model.EvaluationProtocol;
import io.h2rec.domain.model.ExperimentSpec;
import io.h2rec.domain.model.LedgerRun;
import io.h2rec.domain.model.PreparationParams;
import io.h2rec.domain.model.Run;
import io.h2rec.domain.model.RunStatus;
import io.h2rec.domain.model.SplitProtocol;
import io.h2rec.domain.port.out.CodebookStore;
import io.h2rec.domain.port.out.ExperimentStore;
import io.h2rec.domain.port.out.RunLedger;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps finished runs in the run ledger and finds them there: a sweep asks whether a run (dataset,
 * codebook, model, parameters, seed) is already done anywhere before training it, and records each
 * run it finishes. The ledger's key names the codebook by what built it, so a run done on another
 * machine counts here.
 */
public final class RunLedgerService {
    private final RunLedger ledger;
    private final ExperimentStore store;
    private final CodebookStore codebooks;
    private final Trainers trainers;
    private final EvaluationProtocol protocol;
    /** Digests of this registry's codebooks' codes by id (a committed version never changes). */
    private final Map<Long, String> digests = new ConcurrentHashMap<>();

    public RunLedgerService(RunLedger ledger, ExperimentStore store, CodebookStore codebooks, Trainers trainers,
                            EvaluationProtocol protocol) {
        this.ledger = ledger;
        this.store = store;
        this.codebooks = codebooks;
        this.trainers = trainers;
        this.protocol = protocol;
    }

    /** The ledger key of a run not necessarily trained yet. */
    public String key(String datasetFingerprint, SplitProtocol split, CodebookDescriptor codebook, String model,
                      Map<String, String> params, long seed) {
        Map<String, String> config = trainers.forModel(model).resolveConfig(model, params);
        return ConfigHash.portable(datasetFingerprint, codebook, model, config, seed, protocol, split);
    }

    public List<LedgerRun> all(String datasetName) {
        return ledger.read(datasetName);
    }

    /** Appends a line made elsewhere (e.g. backfilled from a committed report) unless its key is there. */
    public boolean append(LedgerRun line) {
        return ledger.append(line);
    }

    /** The ledger line of a SUCCEEDED run the registry trained (an imported run's line is the one it came from). */
    public LedgerRun line(Run run) {
        if (run.importedFrom() != null) {
            throw new IllegalArgumentException("run " + run.id() + " was imported from the ledger line " + run.importedFrom());
        }
        if (run.status() != RunStatus.SUCCEEDED) {
            throw new IllegalArgumentException("run " + run.id() + " is " + run.status() + "; only finished runs are kept");
        }
        ExperimentSpec spec = store.findExperiment(run.experimentId()).orElseThrow(
                () -> new IllegalStateException("run " + run.id() + " has no experiment " + run.experimentId())).spec();
        CodebookDescriptor codebook = spec.codebookId() == null ? null
                : codebooks.find(spec.codebookId()).map(CodebookDescriptor::of).orElseThrow(
                () -> new IllegalStateException("run " + run.id() + ": codebook " + spec.codebookId() + " not found"))
                .withCodes(codesDigest(spec.codebookId()));
        PreparationParams preparation = run.provenance().preparation();
        SplitProtocol split = preparation == null ? SplitProtocol.LEAVE_ONE_OUT : preparation.split();
        String key = key(run.provenance().datasetFingerprint(), split, codebook, spec.model(), spec.params(), run.seed());
        LedgerRun line = LedgerRun.of(key, run, codebook, store.metrics(run.id()), store.epochs(run.id()));
        // The config recorded is the one the key hashes (before training adjusts it, e.g. hot_start).
        return new LedgerRun(line.key(), line.datasetName(), line.datasetFingerprint(), codebook, spec.model(),
                trainers.forModel(spec.model()).resolveConfig(spec.model(), spec.params()), line.seed(), line.protocol(),
                line.codeVersion(), line.device(), line.host(), line.sourceRunId(), line.startedAt(), line.finishedAt(),
                line.epochs(), line.bestEpoch(), line.bestValidationNdcg(), line.secondsPerEpoch(), line.metrics(),
                line.curve());
    }

    /** {@link CodebookDescriptor#digest} of the codes a codebook version was built with (cold-start items left out). */
    public String codesDigest(long codebookId) {
        return digests.computeIfAbsent(codebookId, id -> CodebookDescriptor.digest(codebooks.builtCodes(id)));
    }

    /** What {@link #exportAll} did: lines added, and lines of this registry's runs given their codes digest. */
    public record Export(int added, int completed) {
    }

    /**
     * Every SUCCEEDED run of the registry into the ledger. A line of one of these runs written before lines carried
     * their codebook's codes digest gets it (the same run: its key, source run id and start), so a report can tell
     * which runs saw the same semantic IDs.
     */
    public Export exportAll() {
        int added = 0;
        int completed = 0;
        Map<String, LedgerRun> known = new HashMap<>();
        for (Run run : store.findByStatus(RunStatus.SUCCEEDED)) {
            if (run.provenance() == null || run.importedFrom() != null) {
                continue;   // an imported run's line is in the ledger it came from
            }
            LedgerRun line = line(run);
            if (ledger.append(line)) {
                added++;
                continue;
            }
            if (line.codebook() == null) {
                continue;
            }
            if (!known.containsKey(line.key())) {
                ledger.read(line.datasetName()).forEach(r -> known.putIfAbsent(r.key(), r));
            }
            LedgerRun there = known.get(line.key());
            if (there != null && there.codebook() != null && there.codebook().codes() == null
                    && there.sourceRunId() == line.sourceRunId() && Objects.equals(there.startedAt(), line.startedAt())
                    && ledger.complete(there.withCodebook(there.codebook().withCodes(line.codebook().codes())))) {
                completed++;
            }
        }
        return new Export(added, completed);
    }
}
