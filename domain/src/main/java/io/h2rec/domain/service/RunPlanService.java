package io.h2rec.domain.service;

import io.h2rec.domain.port.out.Trainers;

import io.h2rec.domain.model.Codebook;
import io.h2rec.domain.model.CodebookDescriptor;
import io.h2rec.domain.model.Experiment;
import io.h2rec.domain.model.ExperimentPlan;
import io.h2rec.domain.model.ExperimentSpec;
import io.h2rec.domain.model.LedgerRun;
import io.h2rec.domain.model.PlanListener;
import io.h2rec.domain.model.PlanListener.State;
import io.h2rec.domain.model.RegisteredDataset;
import io.h2rec.domain.model.Run;
import io.h2rec.domain.model.RunStatus;
import io.h2rec.domain.port.in.PrepareDatasetCommand;
import io.h2rec.domain.port.in.PrepareDatasetUseCase;
import io.h2rec.domain.port.in.RegisterExperimentUseCase;
import io.h2rec.domain.port.in.RunPlanCommand;
import io.h2rec.domain.port.in.RunPlanUseCase;
import io.h2rec.domain.port.in.TrainModelCommand;
import io.h2rec.domain.port.in.TrainModelUseCase;
import io.h2rec.domain.port.out.ExperimentStore;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Runs a sweep (reproduction table, validation search). For each entry and seed: a run in the
 * ledger is done; a finished run in the registry is done and copied to the ledger; otherwise, if
 * the entry is selected and this is not a dry run, its codebook is built if missing, its experiment
 * registered, the run trained and, once finished, written to the ledger. Finished runs of seeds
 * outside an entry's group (another group's, or another invocation's {@code --seeds}, found by the seeds
 * the dataset's ledger holds) are reported too.
 */
public final class RunPlanService implements RunPlanUseCase {
    private final PrepareDatasetUseCase datasets;
    private final CodebookResolver codebooks;
    private final Trainers trainers;
    private final ExperimentStore store;
    private final RegisterExperimentUseCase experiments;
    private final TrainModelUseCase training;
    private final RunLedgerService ledger;

    public RunPlanService(PrepareDatasetUseCase datasets, CodebookResolver codebooks, Trainers trainers,
                          ExperimentStore store, RegisterExperimentUseCase experiments, TrainModelUseCase training,
                          RunLedgerService ledger) {
        this.datasets = datasets;
        this.codebooks = codebooks;
        this.trainers = trainers;
        this.store = store;
        this.experiments = experiments;
        this.training = training;
        this.ledger = ledger;
    }

    @Override
    public Outcome run(RunPlanCommand command, PlanListener listener) {
        ExperimentPlan plan = command.plan();
        for (ExperimentPlan.Entry e : plan.entries()) {
            trainers.forModel(e.model()).resolveConfig(e.model(), command.paramsOf(e)); // every entry valid before work
        }
        RegisteredDataset ds = datasets.prepare(new PrepareDatasetCommand(command.dataset(), command.preparation()))
                .registration();
        listener.dataset(ds);
        List<Result> results = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        Map<String, Codebook> books = new HashMap<>();
        Set<String> announced = new HashSet<>();
        int total = plan.entries().stream().mapToInt(e -> plan.seedsOf(e).size()).sum();
        // The ledger is read once per sweep: its runs by key, and the lines this sweep adds put beside them.
        Map<String, LedgerRun> known = new HashMap<>();
        ledger.all(ds.name()).forEach(r -> known.putIfAbsent(r.key(), r));
        // The plan's seeds, then any other seed the ledger has a run of (e.g. --seeds 43 yesterday, --seeds 44 today).
        Set<Long> seeds = new LinkedHashSet<>(plan.allSeeds());
        known.values().stream().map(LedgerRun::seed).sorted().forEach(seeds::add);
        int index = 0;
        for (ExperimentPlan.Entry e : plan.entries()) {
            Map<String, String> params = command.paramsOf(e);
            String quantizer = quantizer(e);
            for (long seed : seeds) {
                boolean planned = plan.seedsOf(e).contains(seed);
                if (planned) {
                    index++;
                }
                Optional<LedgerRun> done = finished(command, ds, e, quantizer, params, seed, known);
                if (done.isPresent()) {
                    results.add(new Result(e, seed, done.get()));
                    listener.entry(planned ? index : 0, total, e, seed, State.DONE, "run " + done.get().sourceRunId()
                            + otherCodes(ds, quantizer, done.get(), books));
                    continue;
                }
                if (!planned) {
                    continue;
                }
                Codebook codebook = quantizer == null ? null
                        : localCodebook(books, ds, quantizer);
                if (!command.selected(e) || command.dryRun()) {
                    if (quantizer != null && codebook == null && command.dryRun() && command.selected(e)
                            && announced.add(quantizer)) {
                        listener.codebook(quantizer, null, false);
                    }
                    // Left out by --only is said so, in a dry run too; "to do" is what this invocation would train.
                    listener.entry(index, total, e, seed, command.selected(e) ? State.TO_DO : State.SKIPPED,
                            quantizer != null && codebook == null ? "no " + quantizer + " codebook yet" : "");
                    continue;
                }
                if (quantizer != null && codebook == null) {
                    codebook = codebooks.ensure(ds.id(), quantizer, listener.quantization());
                    books.put(quantizer, codebook);
                    announced.add(quantizer);
                    listener.codebook(quantizer, codebook, true);
                } else if (quantizer != null && announced.add(quantizer)) {
                    listener.codebook(quantizer, codebook, false);
                }
                Experiment exp = ExperimentIdentity.ensure(store, experiments, spec(plan, ds, e, codebook, params));
                Optional<Run> interrupted = interrupted(exp.id(), seed);
                Run queued = interrupted.isPresent() ? training.resume(interrupted.get().id())
                        : training.queue(new TrainModelCommand(exp.id(), seed));
                listener.entry(index, total, e, seed, State.TRAINING, "experiment " + exp.id() + ", run " + queued.id()
                        + (interrupted.isPresent() ? " (interrupted earlier: continued from its last checkpoint if it has one)" : ""));
                Run run = training.execute(queued.id(), listener.training());
                if (run.status() == RunStatus.SUCCEEDED) {
                    LedgerRun line = ledger.line(run);
                    ledger.append(line);
                    known.putIfAbsent(line.key(), line);
                    results.add(new Result(e, seed, line));
                    listener.entry(index, total, e, seed, State.FINISHED, "run " + run.id());
                } else {
                    failures.add(e.label() + " seed " + seed + ": " + run.status() + " " + run.error());
                    listener.entry(index, total, e, seed, State.FAILED, run.status() + ": " + run.error());
                }
            }
        }
        return new Outcome(ds, results, failures);
    }

    /**
     * The newest INTERRUPTED run of (experiment, seed), if any: a search stopped by a restart or a
     * redeploy continues it from its last epoch checkpoint instead of training from the start.
     */
    private Optional<Run> interrupted(long experimentId, long seed) {
        return store.listRuns(experimentId).stream()
                .filter(r -> r.seed() == seed && r.status() == RunStatus.INTERRUPTED)
                .max(java.util.Comparator.comparingLong(Run::id));
    }

    /** This registry's codebook of the quantizer, cached for the sweep once found (null while there is none). */
    private Codebook localCodebook(Map<String, Codebook> books, RegisteredDataset ds, String quantizer) {
        return books.computeIfAbsent(quantizer, q -> codebooks.find(ds.id(), q).orElse(null));
    }

    /**
     * What a finished run's line says when its codebook's codes differ from this registry's codebook of the
     * same settings (built by another encoder build or CPU: the ledger key counts them as one), else "".
     *
     * @param books this sweep's codebooks by quantizer (one built later in the sweep is found then)
     */
    private String otherCodes(RegisteredDataset ds, String quantizer, LedgerRun done, Map<String, Codebook> books) {
        String theirs = done.codebook() == null ? null : done.codebook().codes();
        if (quantizer == null || theirs == null) {
            return "";
        }
        Codebook local = localCodebook(books, ds, quantizer);
        if (local == null) {
            return "";
        }
        try {
            String ours = ledger.codesDigest(local.id());
            return ours.equals(theirs) ? "" : "; trained on other codes than this registry's codebook " + local.id()
                    + " of the same settings (codes " + theirs.substring(0, 8) + " vs " + ours.substring(0, 8) + ")";
        } catch (RuntimeException e) {   // a remark, not a reason to stop the sweep
            return "; its codes not compared with codebook " + local.id() + "'s (" + e.getMessage() + ")";
        }
    }

    /** A finished run of (entry, seed): from the ledger, or from the registry (then recorded, unless a dry run). */
    private Optional<LedgerRun> finished(RunPlanCommand command, RegisteredDataset ds, ExperimentPlan.Entry e,
                                         String quantizer, Map<String, String> params, long seed,
                                         Map<String, LedgerRun> known) {
        CodebookDescriptor descriptor = quantizer == null ? null : codebooks.descriptor(ds.id(), quantizer);
        String key = ledger.key(ds.fingerprint(), ds.params().split(), descriptor, e.model(), params, seed);
        Optional<LedgerRun> inLedger = Optional.ofNullable(known.get(key));
        if (inLedger.isPresent() || quantizer != null && codebooks.find(ds.id(), quantizer).isEmpty()) {
            return inLedger;
        }
        Long codebookId = quantizer == null ? null : codebooks.find(ds.id(), quantizer).orElseThrow().id();
        Optional<Run> inRegistry = ExperimentIdentity.find(store, spec(command.plan(), ds, e, codebookId, params))
                .flatMap(x -> training.completed(new TrainModelCommand(x.id(), seed)));
        if (inRegistry.isEmpty()) {
            return Optional.empty();
        }
        LedgerRun line = ledger.line(inRegistry.get());
        if (!command.dryRun()) {
            ledger.append(line);
            known.putIfAbsent(line.key(), line);
        }
        return Optional.of(line);
    }

    private static ExperimentSpec spec(ExperimentPlan plan, RegisteredDataset ds, ExperimentPlan.Entry e,
                                       Codebook codebook, Map<String, String> params) {
        return spec(plan, ds, e, codebook == null ? null : codebook.id(), params);
    }

    /** The codebook is part of the name: a new codebook version is a new experiment, not a clash. */
    static ExperimentSpec spec(ExperimentPlan plan, RegisteredDataset ds, ExperimentPlan.Entry e, Long codebook,
                               Map<String, String> params) {
        String name = plan.name() + "-" + ds.name() + "-" + e.label() + "-" + ds.fingerprint().substring(0, 8)
                + (codebook == null ? "" : "-cb" + codebook)
                + (params.isEmpty() ? "" : "-" + Integer.toHexString(new TreeMap<>(params).toString().hashCode()));
        return new ExperimentSpec(name, ds.id(), codebook, e.model(), params, plan.seedsOf(e));
    }

    /** The quantizer whose codebook the entry trains on, or null when its model uses no semantic IDs. */
    private String quantizer(ExperimentPlan.Entry e) {
        if (!trainers.forModel(e.model()).usesSemanticIds(e.model())) {
            return null;
        }
        return e.quantizer() == null ? "rqkmeans" : e.quantizer();
    }
}
