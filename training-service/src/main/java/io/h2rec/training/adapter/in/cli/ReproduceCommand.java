package io.h2rec.training.adapter.in.cli;

import io.h2rec.adapter.in.cli.Checked;
import io.h2rec.adapter.in.cli.Inputs;
import io.h2rec.adapter.in.cli.Invocation;
import io.h2rec.domain.model.Codebook;
import io.h2rec.domain.model.Experiment;
import io.h2rec.domain.model.ExperimentSpec;
import io.h2rec.domain.model.PreparationParams;
import io.h2rec.domain.model.RegisteredDataset;
import io.h2rec.domain.model.Run;
import io.h2rec.domain.model.RunStatus;
import io.h2rec.domain.model.RuntimeInfo;
import io.h2rec.domain.port.in.PrepareDatasetCommand;
import io.h2rec.domain.port.in.PrepareDatasetUseCase;
import io.h2rec.domain.port.in.RegisterExperimentUseCase;
import io.h2rec.domain.port.in.TrainModelCommand;
import io.h2rec.domain.port.in.TrainModelUseCase;
import io.h2rec.domain.port.out.ExperimentStore;
import io.h2rec.domain.service.PopularityTrainer;
import io.h2rec.domain.service.Trainers;
import io.h2rec.training.report.ReproductionReport;
import io.h2rec.training.report.RunResult;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * The reproduction sweep of issue 5 on one dataset: main models over three seeds, ablations,
 * backbone and quantizer swaps over one, then the result files. Runs already SUCCEEDED with the
 * same config hash are skipped, so the command resumes where it stopped.
 */
@Command(name = "reproduce", mixinStandardHelpOptions = true,
        description = "Train and evaluate the reproduction table on a dataset; resumable; writes docs/results.")
@Dependent
@Unremovable
public class ReproduceCommand implements Callable<Integer>, Checked {
    static final List<String> MAIN = List.of("popular", "sasrec", "sid_only", "naive_fusion", "h2rec");
    static final List<String> ONE_SEED = List.of("h2rec_no_item_align", "h2rec_no_user_align", "h2rec_uniform_gate",
            "h2rec_no_cross_attention", "h2rec_no_ca_residual", "gru4rec", "h2rec_gru4rec", "h2rec@rqvae", "h2rec@pq");

    @Option(names = "--dataset", paramLabel = "PATH", description = "Dataset with item text (default: ${DEFAULT-VALUE}).",
            defaultValue = "${env:H2REC_DATASET:-../shared/data/amazon-beauty}")
    String dataset;
    @Option(names = "--seeds", split = ",", description = "Seeds of the main models (default: ${DEFAULT-VALUE}).",
            defaultValue = "42,43,44")
    List<Long> seeds;
    @Option(names = "--ablation-seeds", split = ",", description = "Seeds of ablations and swaps (default: ${DEFAULT-VALUE}).",
            defaultValue = "42")
    List<Long> ablationSeeds;
    @Option(names = "--only", split = ",", paramLabel = "MODEL",
            description = "Run only these entries (e.g. sasrec,h2rec,h2rec@pq or its label h2rec_pq); the report still covers every finished one.")
    List<String> only;
    @Option(names = "--param", paramLabel = "KEY=VALUE", description = "Hyper-parameter for every neural model (repeatable).")
    Map<String, String> params = new TreeMap<>();
    @Option(names = "--out", description = "Where the result files go (default: ${DEFAULT-VALUE}).", defaultValue = "docs/results")
    Path outDir;
    @Spec
    CommandSpec spec;
    @Option(names = "--dry-run", description = "Print the plan and what is already done, train nothing.")
    boolean dryRun;
    @Option(names = "--replace", description = "Write the result files even if that drops runs they report "
            + "which this registry does not hold (by default nothing is written then).")
    boolean replace;

    @Inject
    PrepareDatasetUseCase datasets;
    @Inject
    RegisterExperimentUseCase experiments;
    @Inject
    TrainModelUseCase training;
    @Inject
    ExperimentStore store;
    @Inject
    Codebooks codebooks;
    @Inject
    RuntimeInfo runtime;
    @Inject
    Trainers trainers;

    PrintStream out = System.out;

    /** One line of the table: a registry model, on a quantizer's codebook, under a result label. */
    record Entry(String label, String model, String quantizer, List<Long> seeds) {
    }

    List<Entry> plan() {
        List<Entry> plan = new ArrayList<>();
        for (String m : MAIN) {
            plan.add(new Entry(m, m, "rqkmeans", seeds));
        }
        for (String m : ONE_SEED) {
            String[] parts = m.split("@");
            String label = parts.length == 2 ? parts[0] + "_" + parts[1] : m;
            plan.add(new Entry(label, parts[0], parts.length == 2 ? parts[1] : "rqkmeans", ablationSeeds));
        }
        return plan;
    }

    @Override
    public void check() {
        List<Entry> plan = plan();
        List<String> unknown = unknownOnly(plan);
        if (!unknown.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--only: no entry named " + unknown
                    + "; entries: " + plan.stream().map(Entry::label).toList() + " (or model@quantizer, e.g. h2rec@pq)");
        }
        Inputs.dataset(dataset);
        for (Entry e : plan) {
            if (!e.model().equals(PopularityTrainer.MODEL)) {
                ModelCheck.check(e.model(), params);
            }
        }
    }

    @Override
    public Integer call() {
        check();
        long t0 = System.nanoTime();
        List<Entry> plan = plan();
        boolean deviceSaid = false;
        out.printf("[prepare] %s%n", dataset);
        RegisteredDataset ds = datasets.prepare(new PrepareDatasetCommand(dataset, PreparationParams.DEFAULT))
                .registration();
        out.printf("          %s: %,d users, %,d items, %,d interactions (dataset %d)%n", ds.name(),
                ds.stats().usersAfter(), ds.stats().itemsAfter(), ds.stats().interactionsAfter(), ds.id());
        Map<String, Long> codebookIds = new LinkedHashMap<>();
        List<RunResult> results = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        Set<String> toBuild = new HashSet<>();
        int done = 0;
        int total = plan.stream().mapToInt(e -> e.seeds().size()).sum();
        for (Entry e : plan) {
            boolean selected = selected(e);
            Long codebook = null;
            if (!e.model().equals("popular") && !e.model().equals("sasrec") && !e.model().equals("gru4rec")) {
                codebook = codebookIds.get(e.quantizer());
                if (codebook == null && selected && !dryRun) {
                    out.printf("[codebook] %s%n", e.quantizer());
                    Codebook c = codebooks.ensure(ds.id(), e.quantizer(), out);
                    codebook = c.id();
                    codebookIds.put(e.quantizer(), codebook);
                }
                if (codebook == null) {
                    // The one a training entry would use; an older codebook of the same quantizer is not it.
                    codebook = codebooks.find(ds.id(), e.quantizer()).map(Codebook::id).orElse(null);
                }
                if (codebook == null) {
                    if (dryRun && selected && toBuild.add(e.quantizer())) {
                        out.printf("[codebook] %s: to build%n", e.quantizer());
                    }
                    for (long seed : e.seeds()) {
                        out.printf("[%d/%d] %s seed %d: %s, no %s codebook yet%n", ++done, total, e.label(), seed,
                                notTrained(selected), e.quantizer());
                    }
                    continue; // nothing trained with this quantizer yet, nothing to report
                }
            }
            Map<String, String> p = e.model().equals("popular") ? Map.of() : params;
            // The codebook is part of the name: a new codebook version is a new experiment, not a clash.
            String name = "repro-" + ds.name() + "-" + e.label() + "-" + ds.fingerprint().substring(0, 8)
                    + (codebook == null ? "" : "-cb" + codebook)
                    + (p.isEmpty() ? "" : "-" + Integer.toHexString(new TreeMap<>(p).toString().hashCode()));
            ExperimentSpec experimentSpec = new ExperimentSpec(name, ds.id(), codebook, e.model(), p, e.seeds());
            // A dry run registers nothing: an experiment not registered yet has no runs to find.
            Optional<Experiment> exp = dryRun ? CliExperiments.find(store, experimentSpec)
                    : Optional.of(CliExperiments.ensure(store, experiments, experimentSpec));
            for (long seed : reportedSeeds(e)) {
                boolean planned = e.seeds().contains(seed);
                Optional<Run> finished = exp.flatMap(x -> training.completed(new TrainModelCommand(x.id(), seed)));
                if (!planned) {
                    // A seed trained by an earlier invocation with other --seeds stays in the report.
                    finished.ifPresent(r -> {
                        out.printf("[+] %s seed %d: done (run %d), reported%n", e.label(), seed, r.id());
                        results.add(new RunResult(e.label(), seed, r, store.metrics(r.id())));
                    });
                    continue;
                }
                done++;
                if (finished.isPresent()) {
                    out.printf("[%d/%d] %s seed %d: done (run %d)%n", done, total, e.label(), seed, finished.get().id());
                    results.add(new RunResult(e.label(), seed, finished.get(), store.metrics(finished.get().id())));
                    continue;
                }
                if (!selected || dryRun) {
                    out.printf("[%d/%d] %s seed %d: %s%n", done, total, e.label(), seed, notTrained(selected));
                    continue;
                }
                if (!deviceSaid && !e.model().equals(PopularityTrainer.MODEL)) {
                    out.println(ModelCheck.deviceLine(trainers.forModel(e.model()).device()));
                    deviceSaid = true;
                }
                Run queued = training.queue(new TrainModelCommand(exp.get().id(), seed));
                out.printf("[%d/%d] %s seed %d: training (experiment %d, run %d)%n", done, total, e.label(), seed,
                        exp.get().id(), queued.id());
                Run run = training.execute(queued.id(), new ConsoleProgress(out));
                if (run.status() == RunStatus.SUCCEEDED) {
                    results.add(new RunResult(e.label(), seed, run, store.metrics(run.id())));
                } else {
                    failures.add(e.label() + " seed " + seed + ": " + run.status() + " " + run.error());
                    out.printf("        %s: %s%n", run.status(), run.error());
                }
            }
        }
        if (results.isEmpty()) {
            out.println("no finished runs to report yet");
            return failures.isEmpty() ? 0 : 1;
        }
        List<String> dropped = ReproductionReport.dropped(this.out(), ds.name(), results);
        if (dryRun) {
            out.printf("dry run: %d finished runs would be reported; no files written%n", results.size());
            if (!dropped.isEmpty()) {
                out.printf("  and writing would drop %d runs the files in %s report: %s%n", dropped.size(), this.out(),
                        dropped);
            }
            return 0;
        }
        if (!dropped.isEmpty() && !replace) {
            // Typically another machine's registry made the files (the embedded one lives in ~/.h2rec).
            out.printf("not written: the result files in %s report %d runs this registry does not hold: %s%n"
                    + "  Writing would drop their rows. Point H2REC_DB_URL at the registry that ran them, write "
                    + "elsewhere with --out DIR, or drop them with --replace. This invocation's runs are in the registry: "
                    + "rerunning trains nothing again.%n", this.out(), dropped.size(), dropped);
            return 1;
        }
        List<String> labels = plan.stream().map(Entry::label).toList();
        String command = Invocation.of(spec);
        String provenance = "code " + runtime.codeVersion() + " on " + runtime.host();
        for (Path f : ReproductionReport.write(this.out(), ds.name(), command, provenance, labels, results)) {
            out.printf("wrote %s%n", f);
        }
        out.printf("%d runs reported, %d failed, %.1f min%n", results.size(), failures.size(),
                (System.nanoTime() - t0) / 6e10);
        failures.forEach(f -> out.println("  failed: " + f));
        return failures.isEmpty() ? 0 : 1;
    }

    /** Why this invocation does not train an entry: --only skips it, else a dry run leaves it to do. */
    private static String notTrained(boolean selected) {
        return selected ? "to do" : "skipped (--only)";
    }

    /** The names in --only that select no entry of the plan. */
    List<String> unknownOnly(List<Entry> plan) {
        if (only == null) {
            return List.of();
        }
        List<String> unknown = new ArrayList<>();
        for (String name : only) {
            if (plan.stream().noneMatch(e -> selects(List.of(name), e))) {
                unknown.add(name);
            }
        }
        return unknown;
    }

    /** Whether --only names the entry: its label (h2rec_pq), its spec form (h2rec@pq), or its model on RQ-KMeans. */
    boolean selected(Entry e) {
        return only == null || selects(only, e);
    }

    private static boolean selects(List<String> names, Entry e) {
        return names.contains(e.label()) || names.contains(e.model() + "@" + e.quantizer())
                || names.contains(e.model()) && e.quantizer().equals("rqkmeans");
    }

    /** The entry's planned seeds, then any other seed of the sweep, so finished runs are reported whatever the flags. */
    private List<Long> reportedSeeds(Entry e) {
        return Stream.of(e.seeds(), seeds, ablationSeeds).flatMap(List::stream)
                .distinct().sorted().toList();
    }

    private Path out() {
        return outDir;
    }
}
