package io.h2rec.lab.experiments;

import io.h2rec.adapter.in.cli.Checked;
import io.h2rec.adapter.in.cli.Invocation;
import io.h2rec.adapter.out.dataset.DatasetInputs;
import io.h2rec.adapter.out.results.OutputPaths;
import io.h2rec.adapter.out.results.PlanFile;
import io.h2rec.domain.error.InvalidInputException;
import io.h2rec.domain.model.ExperimentPlan;
import io.h2rec.domain.model.PreparationParams;
import io.h2rec.domain.model.RuntimeInfo;
import io.h2rec.domain.model.SplitProtocol;
import io.h2rec.domain.port.in.RunPlanCommand;
import io.h2rec.domain.port.in.RunPlanUseCase;
import io.h2rec.lab.report.ReproductionReport;
import io.h2rec.lab.report.RunResult;
import io.h2rec.wiring.ModelCheck;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/**
 * The reproduction table on one dataset, from a plan file (deploy/experiments/reproduce.yaml):
 * trains what neither the run ledger nor the registry holds, then writes the result files from
 * the ledger's runs. Resumes where it stopped, on any machine that has the ledger.
 */
@Command(name = "reproduce", mixinStandardHelpOptions = true,
        description = "Train and evaluate the reproduction table on a dataset; resumable; writes docs/results.")
@Dependent
@Unremovable
public class ReproduceCommand implements Callable<Integer>, Checked, RegistryJob {
    @Option(names = "--dataset", paramLabel = "PATH", description = "Dataset with item text (default: ${DEFAULT-VALUE}).",
            defaultValue = "${env:H2REC_DATASET:-../shared/data/amazon-beauty}")
    String dataset;
    @Option(names = "--plan", paramLabel = "FILE", description = "The sweep (default: ${DEFAULT-VALUE}).",
            defaultValue = "deploy/experiments/reproduce.yaml")
    Path planFile;
    @Option(names = "--seeds", split = ",", description = "Seeds of the main models (default: the plan's, 42,43,44).")
    List<Long> seeds;
    @Option(names = "--ablation-seeds", split = ",", description = "Seeds of ablations and swaps (default: the plan's, 42).")
    List<Long> ablationSeeds;
    @Option(names = "--only", split = ",", paramLabel = "MODEL",
            description = "Run only these entries (e.g. sasrec,h2rec,h2rec@pq or its label h2rec_pq); the report still covers every finished one.")
    List<String> only;
    @Option(names = "--param", paramLabel = "KEY=VALUE", description = "Hyper-parameter for every neural model (repeatable).")
    Map<String, String> params = new TreeMap<>();
    @Option(names = "--profile", paramLabel = "NAME", description = "A named parameter set under --param, e.g. "
            + "'paper' (the paper's BCE training); its result files are <dataset>-NAME.*.")
    String profile;
    @Option(names = "--split", paramLabel = "SPLIT", description = "leave-one-out (default), temporal (t1/t2 at the "
            + "0.8/0.9 quantiles of the timestamps) or temporal:T1,T2 (quantiles, or epoch seconds); needs a dataset "
            + "with timestamps (docs/datasets.md).", defaultValue = "leave-one-out")
    String split;
    @Option(names = "--report", paramLabel = "NAME", description = "The result files' name (default: the dataset's, "
            + "lower case, plus -PROFILE and -temporal when set), e.g. 'temporal' for docs/results/temporal.*.")
    String report;
    @Option(names = "--out", description = "Where the result files go (default: ${DEFAULT-VALUE}).", defaultValue = "docs/results")
    Path outDir;
    @Spec
    CommandSpec spec;
    @Option(names = "--dry-run", description = "Print the plan and what is already done; train nothing, register no experiment, write no file "
            + "(the dataset is prepared and kept in the registry).")
    boolean dryRun;
    @Option(names = "--replace", description = "Write the result files even if that drops runs they report "
            + "which neither the ledger nor this registry holds (by default nothing is written then).")
    boolean replace;

    @Inject
    RunPlanUseCase plans;
    @Inject
    RuntimeInfo runtime;

    PrintStream out = System.out;

    /** The plan file with the command line's seed groups. */
    ExperimentPlan plan() {
        Map<String, List<Long>> overrides = new LinkedHashMap<>();
        if (seeds != null) {
            overrides.put("main", seeds);
        }
        if (ablationSeeds != null) {
            overrides.put("ablation", ablationSeeds);
        }
        return PlanFile.read(planFile).withSeeds(overrides);
    }

    /** What call() refuses, before anything starts: the plan, --profile, --only, --param per model, the dataset. */
    @Override
    public void check() {
        ExperimentPlan plan = plan();
        PlanChecks.entries(planFile, command(plan, params()));   // --only and --split too, before the dataset
        DatasetInputs.dataset(dataset);
        OutputPaths.directory("--out", outDir);
        if (report != null && !report.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,99}")) {
            throw new ParameterException(spec.commandLine(), "--report: a file name stem of letters, digits, '.', '_' "
                    + "and '-' (at most 100), got '" + report + "'");
        }
    }

    /** --profile, then --param over it. */
    private Map<String, String> params() {
        Map<String, String> all = new TreeMap<>();
        if (profile != null) {
            try {
                all.putAll(ModelCheck.profile(profile));
            } catch (InvalidInputException e) {
                throw new ParameterException(spec.commandLine(), "--profile: " + e.getMessage());
            }
        }
        all.putAll(params);
        return all;
    }

    private RunPlanCommand command(ExperimentPlan plan, Map<String, String> all) {
        PreparationParams preparation = PreparationParams.DEFAULT.withSplit(DatasetInputs.split("--split", split, dataset));
        try {
            return new RunPlanCommand(dataset, preparation, plan, only, dryRun, all, profile);
        } catch (IllegalArgumentException | InvalidInputException e) {
            throw new ParameterException(spec.commandLine(), "--only: " + e.getMessage());
        }
    }

    @Override
    public Integer call() {
        check();
        long t0 = System.nanoTime();
        ExperimentPlan plan = plan();
        RunPlanCommand command = command(plan, params());
        out.printf("[prepare] %s%n", dataset);
        RunPlanUseCase.Outcome outcome = plans.run(command, new ConsolePlanListener(out));
        List<RunResult> results = outcome.results().stream()
                .map(r -> new RunResult(r.entry().label(), r.seed(), r.run().asRun(), r.run().metrics(),
                        ModelCheck.changes(r.run().model(), r.run().config()), r.run().codebook())).toList();
        if (results.isEmpty()) {
            out.println("no finished runs to report yet");
            return outcome.failures().isEmpty() ? 0 : 1;
        }
        String name = outcome.dataset().name();
        SplitProtocol splitProtocol = command.preparation().split();
        String stem = report != null ? report : ReproductionReport.stem(name, profile)
                + (splitProtocol.temporalSplit() ? "-temporal" : "");
        List<String> dropped = ReproductionReport.dropped(outDir, stem, results);
        if (dryRun) {
            out.printf("dry run: %d finished runs would be reported; no files written%n", results.size());
            if (!dropped.isEmpty()) {
                out.printf("  and writing would drop %d runs the files in %s report: %s%n", dropped.size(), outDir, dropped);
            }
            return 0;
        }
        if (!dropped.isEmpty() && !replace) {
            out.printf("not written: the result files in %s report %d runs neither the run ledger nor this registry "
                    + "holds: %s%n  Writing would drop their rows. Add their runs to the ledger (ledger-export on the "
                    + "registry that ran them), write elsewhere with --out DIR, or drop them with --replace. This "
                    + "invocation's runs are in the ledger: rerunning trains nothing again.%n", outDir, dropped.size(),
                    dropped);
            return 1;
        }
        List<String> labels = plan.entries().stream().map(ExperimentPlan.Entry::label).toList();
        // Every option with its value, defaults included: the line reruns this invocation.
        String invocation = Invocation.of(spec);
        String provenance = "code " + runtime.codeVersion() + " on " + runtime.host();
        for (Path f : ReproductionReport.write(outDir, name, stem, invocation, provenance, labels, results,
                splitProtocol)) {
            out.printf("wrote %s%n", f);
        }
        out.printf("%d runs reported, %d failed, %.1f min%n", results.size(), outcome.failures().size(),
                (System.nanoTime() - t0) / 6e10);
        outcome.failures().forEach(f -> out.println("  failed: " + f));
        return outcome.failures().isEmpty() ? 0 : 1;
    }

}
