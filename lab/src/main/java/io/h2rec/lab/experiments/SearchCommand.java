package io.h2rec.lab.experiments;

import io.h2rec.adapter.in.cli.Checked;
import io.h2rec.adapter.out.dataset.DatasetInputs;
import io.h2rec.adapter.out.results.OutputPaths;
import io.h2rec.adapter.out.results.PlanFile;
import io.h2rec.lab.report.LearningCurves;
import io.h2rec.domain.model.EvalTarget;
import io.h2rec.domain.model.EvaluationResult;
import io.h2rec.domain.model.ExperimentPlan;
import io.h2rec.domain.model.LedgerRun;
import io.h2rec.domain.model.MetricValue;
import io.h2rec.domain.model.PreparationParams;
import io.h2rec.domain.model.Protocol;
import io.h2rec.domain.port.in.RunPlanCommand;
import io.h2rec.domain.port.in.RunPlanUseCase;
import io.h2rec.wiring.ModelCheck;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/**
 * A hyper-parameter search on the validation split: a plan file's configurations (runs in the ledger or
 * the registry are not trained again), then each one's validation NDCG@10 (full ranking), best epoch and
 * cost. It prints no test figure: the test split is read once, by {@code reproduce}, after the choice.
 */
@Command(name = "search", mixinStandardHelpOptions = true,
        description = "Train a plan file's configurations and tabulate validation NDCG@10 (no test figures).")
@Dependent
@Unremovable
public class SearchCommand implements Callable<Integer>, Checked, RegistryJob {
    @Option(names = "--plan", required = true, paramLabel = "FILE", description = "The search (deploy/experiments/*.yaml).")
    Path plan;
    @Option(names = "--dataset", paramLabel = "PATH", description = "Dataset (default: ${DEFAULT-VALUE}).",
            defaultValue = "${env:H2REC_DATASET:-../shared/data/amazon-beauty}")
    String dataset;
    @Option(names = "--split", paramLabel = "SPLIT", description = "leave-one-out (default), temporal (t1/t2 at the "
            + "0.8/0.9 quantiles of the timestamps) or temporal:T1,T2 (quantiles, or epoch seconds); needs a dataset "
            + "with timestamps (docs/datasets.md).", defaultValue = "leave-one-out")
    String split;
    @Option(names = "--only", split = ",", paramLabel = "LABEL", description = "Train only these labels; the table still lists every finished one.")
    List<String> only;
    @Option(names = "--param", paramLabel = "KEY=VALUE", description = "Hyper-parameter for every neural entry (repeatable).")
    Map<String, String> params = new TreeMap<>();
    @Option(names = "--profile", paramLabel = "NAME", description = "A named parameter set under --param (e.g. paper).")
    String profile;
    @Option(names = "--dry-run", description = "Print the table of what is done, train nothing.")
    boolean dryRun;
    @Option(names = "--table", paramLabel = "FILE", description = "Also write the table (markdown) to FILE.")
    Path table;
    @Option(names = "--curves", paramLabel = "FILE", description = "Also write the learning curves of the finished runs "
            + "that kept one (runs since 2026-11-30) into FILE (CSV; other runs' rows stay) and FILE-<model>.png.")
    Path curves;

    @Inject
    RunPlanUseCase plans;

    PrintStream out = System.out;

    /** The plan readable, every entry's model and parameters valid (and --param's for each), the dataset there. */
    @Override
    public void check() {
        ExperimentPlan p = PlanFile.read(plan);
        DatasetInputs.dataset(dataset);
        PlanChecks.entries(plan, command(p));   // the --split too
        if (table != null) {
            OutputPaths.file("--table", table);
        }
        if (curves != null) {
            OutputPaths.file("--curves", curves);
        }
    }

    /** --profile, then --param over it. */
    private Map<String, String> params() {
        Map<String, String> all = new TreeMap<>(profile == null ? Map.of() : ModelCheck.profile(profile));
        all.putAll(params);
        return all;
    }

    private RunPlanCommand command(ExperimentPlan p) {
        PreparationParams preparation = PreparationParams.DEFAULT.withSplit(DatasetInputs.split("--split", split, dataset));
        try {
            return new RunPlanCommand(dataset, preparation, p, only, dryRun, params(), profile);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--only: " + e.getMessage(), e);
        }
    }

    @Override
    public Integer call() {
        check();
        ExperimentPlan p = PlanFile.read(plan);
        RunPlanUseCase.Outcome outcome = plans.run(command(p), new ConsolePlanListener(out));
        List<String[]> rows = new ArrayList<>();
        List<Map<String, String>> curveRows = new ArrayList<>();
        for (RunPlanUseCase.Result r : outcome.results()) {
            if (!p.allSeeds().contains(r.seed())) {
                continue;   // a reproduction's seed of the same config: the search's curves are its own seeds'
            }
            curveRows.addAll(LearningCurves.rows(r.entry().label(), r.entry().model(), r.seed(), r.run().curve()));
        }
        for (ExperimentPlan.Entry e : p.entries()) {
            for (long seed : p.seedsOf(e)) {
                rows.add(row(e, seed, outcome.results().stream().filter(r -> r.entry().equals(e) && r.seed() == seed)
                        .map(RunPlanUseCase.Result::run).findFirst().orElse(null)));
            }
        }
        String text = table(outcome.dataset().name(), rows);
        out.print(text);
        if (table != null) {
            try {
                Path parent = table.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                Files.writeString(table, text);
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
            out.printf("wrote %s%n", table);
        }
        if (curves != null) {
            List<Path> pngs = LearningCurves.write(curves, curveRows);
            out.printf("wrote %s (%d epochs of %d runs recorded) and %s%n", curves, curveRows.size(),
                    curveRows.stream().map(x -> x.get("label") + " " + x.get("seed")).distinct().count(), pngs);
        }
        return outcome.failures().isEmpty() ? 0 : 1;
    }

    private static String[] row(ExperimentPlan.Entry e, long seed, LedgerRun r) {
        String params = e.params().isEmpty() ? "-" : String.join(" ", e.params().entrySet().stream()
                .map(x -> x.getKey() + "=" + x.getValue()).toList());
        if (r == null) {
            return new String[] {e.label(), e.model(), params, String.valueOf(seed), "not run", "", "", "", ""};
        }
        double valid = r.metrics().stream().filter(m -> m.split() == EvalTarget.VALIDATION && m.protocol() == Protocol.FULL
                        && m.group().equals(EvaluationResult.OVERALL) && m.metric().equals(MetricValue.NDCG) && m.k() == 10)
                .mapToDouble(MetricValue::value).findFirst().orElse(Double.NaN);
        double minutes = r.startedAt() == null || r.finishedAt() == null ? Double.NaN
                : (r.finishedAt().toEpochMilli() - r.startedAt().toEpochMilli()) / 60_000.0;
        return new String[] {e.label(), e.model(), params, String.valueOf(seed), String.format(Locale.ROOT, "%.4f", valid),
                String.valueOf(r.bestEpoch()), String.valueOf(r.epochs()),
                String.format(Locale.ROOT, "%.1f", r.secondsPerEpoch()), String.format(Locale.ROOT, "%.0f", minutes)};
    }

    static String table(String dataset, List<String[]> rows) {
        StringBuilder sb = new StringBuilder();
        sb.append("\nValidation split of ").append(dataset)
                .append(" (full ranking, NDCG@10 of the restored best epoch); no test figures.\n\n");
        sb.append("| label | model | parameters | seed | valid NDCG@10 | best epoch | epochs | s/epoch | minutes |\n");
        sb.append("|---|---|---|---:|---:|---:|---:|---:|---:|\n");
        for (String[] r : rows) {
            sb.append("| ").append(String.join(" | ", r)).append(" |\n");
        }
        return sb.toString();
    }
}
