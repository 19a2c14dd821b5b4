package io.h2rec.lab.experiments;

import io.h2rec.adapter.out.results.PlanFile;
import io.h2rec.adapter.out.results.ResultsCsv;
import io.h2rec.domain.model.CodebookDescriptor;
import io.h2rec.domain.model.EvalTarget;
import io.h2rec.domain.model.EvaluationProtocol;
import io.h2rec.domain.model.ExperimentPlan;
import io.h2rec.domain.model.LedgerRun;
import io.h2rec.domain.model.MetricValue;
import io.h2rec.domain.model.PreparationParams;
import io.h2rec.domain.model.Protocol;
import io.h2rec.domain.model.RegisteredDataset;
import io.h2rec.domain.port.in.PrepareDatasetCommand;
import io.h2rec.domain.port.in.PrepareDatasetUseCase;
import io.h2rec.domain.service.CodebookResolver;
import io.h2rec.domain.service.RunLedgerService;
import io.h2rec.domain.port.out.Trainers;
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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Puts the runs of a committed reproduction report into the run ledger when the registry that ran
 * them is gone: each (label, seed) of {@code <stem>.csv} becomes a ledger line with every test metric
 * of the file and the run's row of {@code <stem>.md} (registry run id, epochs, seconds per epoch,
 * device). The key is the one this code computes for the plan entry under the profile, so {@code
 * reproduce} finds them; what the report does not hold (validation metrics, start and end instants)
 * is left empty, and the code version says where the line came from.
 */
@Command(name = "ledger-backfill", mixinStandardHelpOptions = true,
        description = "Add the runs of a committed report (<dir>/<stem>.csv and .md) to the run ledger.")
@Dependent
@Unremovable
public class LedgerBackfillCommand implements Callable<Integer>, RegistryJob {
    @Option(names = "--dataset", required = true, paramLabel = "PATH", description = "The dataset the report is about.")
    String dataset;
    @Option(names = "--report", required = true, paramLabel = "FILE", description = "The report's CSV, e.g. docs/results/beauty.csv.")
    Path csv;
    @Option(names = "--plan", defaultValue = "deploy/experiments/reproduce.yaml", description = "The plan its labels come from (default: ${DEFAULT-VALUE}).")
    Path plan;
    @Option(names = "--profile", paramLabel = "NAME", description = "The profile the report's runs were trained under (e.g. paper).")
    String profile;
    @Option(names = "--source", required = true, paramLabel = "TEXT", description = "Where the report came from, e.g. 'docs/results/beauty.csv at ed994b3'.")
    String source;

    @Inject
    PrepareDatasetUseCase datasets;
    @Inject
    CodebookResolver codebooks;
    @Inject
    RunLedgerService ledger;
    @Inject
    EvaluationProtocol protocol;
    @Inject
    Trainers trainers;

    PrintStream out = System.out;

    @Override
    public Integer call() {
        if (source.isBlank()) {
            throw new IllegalArgumentException("--source: say where the report came from, e.g. 'docs/results/beauty.csv at ed994b3'");
        }
        if (!Files.isRegularFile(csv)) {
            throw new IllegalArgumentException("--report: " + csv + " not found (a report's CSV, e.g. docs/results/beauty.csv)");
        }
        ExperimentPlan p = PlanFile.read(plan);
        RegisteredDataset ds = datasets.prepare(new PrepareDatasetCommand(dataset, PreparationParams.DEFAULT)).registration();
        Map<String, String> profileParams = profile == null ? Map.of() : trainers.profile(profile);
        Map<String, List<MetricValue>> metrics = metrics(ResultsCsv.read(csv, List.of("model", "seed", "protocol", "group",
                "metric", "k", "value")));
        Path md = Path.of(csv.toString().replaceAll("\\.csv$", ".md"));
        List<String> report = lines(md);
        // "# Beauty: reproduction"; a temporal report's title names its split. Backfill keys leave-one-out runs.
        String title = report.isEmpty() ? "" : report.get(0);
        if (!title.startsWith("# " + ds.name() + ":") || title.contains("temporal")) {
            throw new IllegalArgumentException(md + " is not a leave-one-out report of " + ds.name() + " (its title: '"
                    + title + "'); backfill a report with the dataset it is about");
        }
        Map<String, Map<String, String>> runs = runTable(md, report);
        int added = 0;
        for (Map.Entry<String, List<MetricValue>> e : metrics.entrySet()) {
            String label = e.getKey().split(" ")[0];
            long seed = Long.parseLong(e.getKey().split(" ")[1]);
            ExperimentPlan.Entry entry = p.entries().stream().filter(x -> x.label().equals(label)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("label " + label + " is not in " + plan));
            Map<String, String> params = new HashMap<>(entry.params());
            if (!entry.model().equals("popular")) {
                params.putAll(profileParams);
            }
            String quantizer = trainers.forModel(entry.model()).usesSemanticIds(entry.model())
                    ? (entry.quantizer() == null ? "rqkmeans" : entry.quantizer()) : null;
            CodebookDescriptor descriptor = quantizer == null ? null : codebooks.descriptor(ds.id(), quantizer);
            Map<String, String> run = runs.get(e.getKey());
            if (run == null) {
                throw new IllegalArgumentException(e.getKey() + " has no row in the report's run table");
            }
            LedgerRun line = new LedgerRun(ledger.key(ds.fingerprint(), ds.params().split(), descriptor, entry.model(), params, seed), ds.name(),
                    ds.fingerprint(), descriptor, entry.model(),
                    trainers.forModel(entry.model()).resolveConfig(entry.model(), params), seed, String.valueOf(protocol),
                    "backfill of " + source, run.get("device"), "registry of the machine that ran it (not kept)",
                    Long.parseLong(run.get("run")), null, null, integer(run.get("epochs")), integer(run.get("best epoch")),
                    Double.NaN, number(run.get("s/epoch")),
                    e.getValue(), List.of());   // a report holds no learning curve
            if (ledger.append(line)) {
                added++;
            }
        }
        out.printf("%d runs added to the ledger for %s (%d in the report)%n", added, ds.name(), metrics.size());
        return 0;
    }

    /** The report CSV's test metrics by "model seed"; a row that is not a metric in its range, or repeats one, names its line. */
    private Map<String, List<MetricValue>> metrics(List<Map<String, String>> rows) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(csv + " has no rows: nothing to backfill");
        }
        Map<String, List<MetricValue>> metrics = new LinkedHashMap<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < rows.size(); i++) {
            Map<String, String> row = rows.get(i);
            String where = csv + " line " + (i + 2) + ": ";
            Protocol protocol = List.of(Protocol.values()).stream().filter(x -> x.label().equals(row.get("protocol")))
                    .findFirst().orElseThrow(() -> new IllegalArgumentException(where + "unknown protocol " + row.get("protocol")));
            MetricValue m;
            try {
                Long.parseLong(row.get("seed"));
                m = new MetricValue(EvalTarget.TEST, protocol, row.get("group"), row.get("metric"), Integer.parseInt(row.get("k")),
                        Double.parseDouble(row.get("value")));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(where + "seed and k must be whole numbers and value a number: " + row);
            }
            if (!m.inRange()) {
                throw new IllegalArgumentException(where + m.metric() + " " + m.value() + " is out of its range (HR and NDCG "
                        + "in [0, 1], support a count)");
            }
            String id = row.get("model") + " " + row.get("seed");
            if (!seen.add(id + " " + protocol + " " + m.group() + " " + m.metric() + " " + m.k())) {
                throw new IllegalArgumentException(where + "repeats " + id + " " + protocol.label() + " " + m.group() + " "
                        + m.metric() + "@" + m.k());
            }
            metrics.computeIfAbsent(id, k -> new ArrayList<>()).add(m);
        }
        return metrics;
    }

    private static List<String> lines(Path md) {
        try {
            return Files.readAllLines(md);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the report " + md + " (beside the CSV, same name)", e);
        }
    }

    /** The report's "## Runs" table: "model seed" -> cell by column name (read from its header, so a column added to the table does not shift the others). */
    private static Map<String, Map<String, String>> runTable(Path md, List<String> text) {
        Map<String, Map<String, String>> rows = new HashMap<>();
        boolean inRuns = false;
        List<String> header = List.of();
        for (String l : text) {
            inRuns = l.startsWith("## ") ? l.equals("## Runs") : inRuns;
            if (!inRuns || !l.startsWith("| ")) {
                continue;
            }
            List<String> cells = List.of(l.substring(2, l.length() - 2).split(" \\| "));
            if (cells.get(0).equals("model")) {
                header = cells;
                for (String needed : List.of("seed", "run", "best epoch", "epochs", "s/epoch", "device")) {
                    if (!header.contains(needed)) {
                        throw new IllegalArgumentException(md + ": the Runs table has no '" + needed + "' column");
                    }
                }
            } else if (!header.isEmpty()) {
                Map<String, String> row = new HashMap<>();
                for (int i = 0; i < Math.min(header.size(), cells.size()); i++) {
                    row.put(header.get(i), cells.get(i));
                }
                rows.put(cells.get(0) + " " + cells.get(1), row);
            }
        }
        return rows;
    }

    private static int integer(String cell) {
        return cell.equals("-") ? 0 : Integer.parseInt(cell);
    }

    private static double number(String cell) {
        return cell.equals("-") ? Double.NaN : Double.parseDouble(cell);
    }
}
