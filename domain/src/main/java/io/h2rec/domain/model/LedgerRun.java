package io.h2rec.domain.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A finished run as it outlives the registry that ran it (a line of the committed run ledger): what
 * it trained (dataset fingerprint, codebook descriptor, model, resolved config, seed, protocol), the
 * code and machine that ran it, its schedule and timings, and every metric. Not the weights.
 *
 * @param key          {@code ConfigHash.portable(...)}: equal keys computed the same thing, on any machine
 * @param protocol     the evaluation protocol, followed by {@code "; split=temporal:..."} when the split
 *                     was not leave-one-out (lines of leave-one-out runs read as they always did)
 * @param sourceRunId  the run's id in the registry that ran it (meaningful only there)
 * @param epochs       epochs trained; {@code bestEpoch} the one restored (validation NDCG@10)
 * @param curve        the learning curve, epoch by epoch (empty for runs that kept none: before 2026-11-30, backfills)
 */
public record LedgerRun(String key, String datasetName, String datasetFingerprint, CodebookDescriptor codebook,
                        String model, Map<String, String> config, long seed, String protocol, String codeVersion,
                        String device, String host, long sourceRunId, Instant startedAt, Instant finishedAt, int epochs,
                        int bestEpoch, double bestValidationNdcg, double secondsPerEpoch, List<MetricValue> metrics,
                        List<EpochPoint> curve) {
    public LedgerRun {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(model, "model");
        config = Map.copyOf(config);
        metrics = List.copyOf(metrics);
        curve = List.copyOf(curve);
    }

    /** The ledger line of a SUCCEEDED run of the registry. */
    public static LedgerRun of(String key, Run run, CodebookDescriptor codebook, List<MetricValue> metrics,
                               List<EpochPoint> curve) {
        if (run.status() != RunStatus.SUCCEEDED) {
            throw new IllegalArgumentException("run " + run.id() + " is " + run.status() + "; the ledger keeps finished runs");
        }
        Provenance p = Objects.requireNonNull(run.provenance(), "provenance of run " + run.id());
        RunProgress g = run.progress();
        return new LedgerRun(key, p.datasetName(), p.datasetFingerprint(), codebook, p.model(), p.config(), run.seed(),
                protocol(p), p.codeVersion(), p.device(), p.host(), run.id(), run.startedAt(),
                run.finishedAt(), g == null ? 0 : g.epoch(), g == null ? 0 : g.bestEpoch(),
                g == null ? Double.NaN : g.bestValidationNdcg(), g == null ? Double.NaN : g.secondsPerEpoch(), metrics,
                curve);
    }

    /** This line with another codebook descriptor (e.g. the same one with its codes digest). */
    public LedgerRun withCodebook(CodebookDescriptor other) {
        return new LedgerRun(key, datasetName, datasetFingerprint, other, model, config, seed, protocol, codeVersion, device,
                host, sourceRunId, startedAt, finishedAt, epochs, bestEpoch, bestValidationNdcg, secondsPerEpoch, metrics,
                curve);
    }

    /** The ledger's protocol text of a run: the evaluation protocol, and the split unless leave-one-out. */
    static String protocol(Provenance p) {
        SplitProtocol split = p.preparation() == null ? SplitProtocol.LEAVE_ONE_OUT : p.preparation().split();
        return p.evaluation() + (split.temporalSplit() ? "; split=" + split.canonical() : "");
    }

    /**
     * The run as the registry's reports see it: id {@code sourceRunId}, SUCCEEDED, its provenance and
     * progress (the codebook id is not known outside the registry that ran it: null).
     */
    public Run asRun() {
        Provenance p = new Provenance(datasetName, datasetFingerprint, null, null, null, model, config, seed, codeVersion,
                device, host);
        RunProgress g = new RunProgress(epochs, epochs, Double.NaN, Double.NaN, bestEpoch, bestValidationNdcg,
                secondsPerEpoch, "from the run ledger");
        return new Run(sourceRunId, 0, seed, RunStatus.SUCCEEDED, key, p, g, null, startedAt, startedAt, finishedAt,
                host);
    }
}
