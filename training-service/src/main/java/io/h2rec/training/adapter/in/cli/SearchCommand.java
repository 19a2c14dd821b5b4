package io.h2rec.training.adapter.in.cli;

import io.h2rec.adapter.in.cli.Checked;
import io.h2rec.adapter.in.cli.Inputs;
import io.h2rec.domain.model.Codebook;
import io.h2rec.domain.model.CodebookDescriptor;
import io.h2rec.domain.model.EvalTarget;
import io.h2rec.domain.model.EvaluationResult;
import io.h2rec.domain.model.Experiment;
import io.h2rec.domain.model.ExperimentSpec;
import io.h2rec.domain.model.LedgerRun;
import io.h2rec.domain.model.MetricValue;
import io.h2rec.domain.model.PreparationParams;
import io.h2rec.domain.model.Protocol;
import io.h2rec.domain.model.RegisteredDataset;
import io.h2rec.domain.model.Run;
import io.h2rec.domain.model.RunStatus;
import io.h2rec.domain.port.in.PrepareDatasetCommand;
import io.h2rec.domain.port.in.PrepareDatasetUseCase;
import io.h2rec.domain.port.in.RegisterExperimentUseCase;
import io.h2rec.domain.port.in.TrainModelCommand;
import io.h2rec.domain.port.in.TrainModelUseCase;
import io.h2rec.domain.port.out.ExperimentStore;
import io.h2rec.domain.service.RunLedgerService;
import io.h2rec.domain.service.Trainers;
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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/**
 * A hyper-parameter search on the validation split: every configuration of a plan file trained
 * once per seed (runs in the ledger or the registry are not trained again), then a table of each
 * one's validation NDCG@10 (full ranking), best epoch and cost. It prints no test figure: the test
 * split is read once, by {@code reproduce}, after the choice.
 */
@Command(name = "search", mixinStandardHelpOptions = true,
        description = "Train a plan file's configurations and tabulate validation NDCG@10 (no test figures).")
@Dependent
@Unremovable
public class SearchCommand implements Callable<Integer>, Checked {
    @Option(names = "--plan", required = true, paramLabel = "FILE",
            description = "Plan: one configuration a line, 'label model KEY=VALUE ...'; # starts a comment.")
    Path plan;
    @Option(names = "--dataset", paramLabel = "PATH", description = "Dataset (default: ${DEFAULT-VALUE}).",
            defaultValue = "${env:H2REC_DATASET:-../shared/data/amazon-beauty}")
    String dataset;
    @Option(names = "--seeds", split = ",", description = "Seeds of every configuration (default: ${DEFAULT-VALUE}).",
            defaultValue = "42")
    List<Long> seeds;
    @Option(names = "--only", split = ",", paramLabel = "LABEL", description = "Train only these labels; the table still lists every finished one.")
    List<String> only;
    @Option(names = "--dry-run", description = "Print the table of what is done, train nothing.")
    boolean dryRun;
    @Option(names = "--table", paramLabel = "FILE", description = "Also write the table (markdown) to FILE.")
    Path table;

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
    Trainers trainers;
    @Inject
    RunLedgerService ledger;

    PrintStream out = System.out;

    /** One configuration of the plan. */
    record Config(String label, String model, Map<String, String> params) {
    }

    static List<Config> read(Path file) {
        List<Config> configs = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("plan " + file.toAbsolutePath().normalize() + " not found: a text file "
                    + "with one configuration a line, 'label model KEY=VALUE ...' (deploy/experiments/ has examples)");
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read plan " + file + ": " + e.getMessage(), e);
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).replaceAll("#.*", "").trim();
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split("\\s+");
            if (f.length < 2) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": expected 'label model KEY=VALUE ...'");
            }
            Map<String, String> params = new TreeMap<>();
            for (int j = 2; j < f.length; j++) {
                int eq = f[j].indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException(file + ":" + (i + 1) + ": '" + f[j] + "' is not KEY=VALUE");
                }
                params.put(f[j].substring(0, eq), f[j].substring(eq + 1));
            }
            String label = f[0];
            if (configs.stream().anyMatch(c -> c.label().equals(label))) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": label '" + label + "' used twice");
            }
            configs.add(new Config(label, f[1], params));
        }
        return configs;
    }

    @Override
    public void check() {
        for (Config c : read(plan)) {
            ModelCheck.check(c.model(), c.params()); // every line valid before any work
        }
        Inputs.dataset(dataset);
    }

    @Override
    public Integer call() {
        check();
        List<Config> configs = read(plan);
        boolean deviceSaid = false;
        RegisteredDataset ds = datasets.prepare(new PrepareDatasetCommand(dataset, PreparationParams.DEFAULT))
                .registration();
        out.printf("[search] %s: %d configurations x %d seeds, plan %s%n", ds.name(), configs.size(), seeds.size(), plan);
        Map<String, Codebook> books = new HashMap<>();
        List<String[]> rows = new ArrayList<>();
        int failed = 0;
        for (Config c : configs) {
            boolean selected = only == null || only.contains(c.label());
            Codebook codebook = null;
            if (trainers.forModel(c.model()).usesSemanticIds(c.model())) {
                codebook = books.get("rqkmeans");
                if (codebook == null) {
                    codebook = dryRun || !selected ? codebooks.find(ds.id(), "rqkmeans").orElse(null)
                            : codebooks.ensure(ds.id(), "rqkmeans", out);
                    if (codebook == null) {
                        out.printf("  %s: no rqkmeans codebook yet%n", c.label());
                        continue;
                    }
                    books.put("rqkmeans", codebook);
                }
            }
            CodebookDescriptor descriptor = codebook == null ? null : CodebookDescriptor.of(codebook);
            for (long seed : seeds) {
                String key = ledger.key(ds.fingerprint(), descriptor, c.model(), c.params(), seed);
                Optional<LedgerRun> done = ledger.find(ds.name(), key);
                if (done.isEmpty() && !dryRun) {
                    Long cb = codebook == null ? null : codebook.id();
                    String name = "search-" + ds.name() + "-" + c.label() + "-" + ds.fingerprint().substring(0, 8)
                            + (cb == null ? "" : "-cb" + cb) + "-" + Integer.toHexString(c.params().toString().hashCode());
                    Experiment exp = CliExperiments.ensure(store, experiments,
                            new ExperimentSpec(name, ds.id(), cb, c.model(), c.params(), List.of(seed)));
                    Optional<Run> finished = training.completed(new TrainModelCommand(exp.id(), seed));
                    if (finished.isEmpty() && selected) {
                        if (!deviceSaid) {
                            out.println(ModelCheck.deviceLine(trainers.forModel(c.model()).device()));
                            deviceSaid = true;
                        }
                        Run queued = training.queue(new TrainModelCommand(exp.id(), seed));
                        out.printf("[%s seed %d] training (run %d)%n", c.label(), seed, queued.id());
                        Run run = training.execute(queued.id(), new ConsoleProgress(out));
                        if (run.status() != RunStatus.SUCCEEDED) {
                            out.printf("  %s seed %d: %s %s%n", c.label(), seed, run.status(), run.error());
                            failed++;
                        } else {
                            finished = Optional.of(run);
                        }
                    }
                    if (finished.isPresent()) {
                        ledger.record(finished.get());
                        done = ledger.find(ds.name(), key);
                    }
                }
                rows.add(row(c, seed, done.orElse(null)));
            }
        }
        String text = table(ds.name(), rows);
        out.print(text);
        if (table != null) {
            try {
                Files.writeString(table, text);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            out.printf("wrote %s%n", table);
        }
        return failed == 0 ? 0 : 1;
    }

    private static String[] row(Config c, long seed, LedgerRun r) {
        String params = c.params().isEmpty() ? "-" : String.join(" ", c.params().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).toList());
        if (r == null) {
            return new String[] {c.label(), c.model(), params, String.valueOf(seed), "not run", "", "", "", ""};
        }
        double valid = r.metrics().stream().filter(m -> m.split() == EvalTarget.VALIDATION && m.protocol() == Protocol.FULL
                        && m.group().equals(EvaluationResult.OVERALL) && m.metric().equals(MetricValue.NDCG) && m.k() == 10)
                .mapToDouble(MetricValue::value).findFirst().orElse(Double.NaN);
        double minutes = r.startedAt() == null || r.finishedAt() == null ? Double.NaN
                : (r.finishedAt().toEpochMilli() - r.startedAt().toEpochMilli()) / 60_000.0;
        return new String[] {c.label(), c.model(), params, String.valueOf(seed), String.format(Locale.ROOT, "%.4f", valid),
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
