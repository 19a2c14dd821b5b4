package io.h2rec.lab.experiments;

import io.h2rec.adapter.in.cli.ConsoleProgress;
import io.h2rec.adapter.in.cli.Checked;
import io.h2rec.adapter.in.cli.Inputs;
import io.h2rec.adapter.out.dataset.DatasetInputs;
import io.h2rec.adapter.out.results.OutputPaths;
import io.h2rec.adapter.out.results.ResultsCsv;
import io.h2rec.domain.service.CodebookResolver;
import io.h2rec.domain.model.Codebook;
import io.h2rec.domain.model.Experiment;
import io.h2rec.domain.model.ExperimentSpec;
import io.h2rec.domain.model.PreparationParams;
import io.h2rec.domain.model.RegisteredDataset;
import io.h2rec.domain.model.Run;
import io.h2rec.domain.model.RunStatus;
import io.h2rec.domain.port.in.PrepareDatasetCommand;
import io.h2rec.domain.port.in.PrepareDatasetUseCase;
import io.h2rec.domain.port.in.RegisterExperimentCommand;
import io.h2rec.domain.port.in.RegisterExperimentUseCase;
import io.h2rec.domain.port.in.TrainModelCommand;
import io.h2rec.domain.port.in.TrainModelUseCase;
import io.h2rec.domain.baseline.PopularityTrainer;
import io.h2rec.domain.port.out.Trainers;
import io.h2rec.wiring.ModelCheck;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/**
 * Training speed (a benchmark, run on an idle machine): a few epochs of each model at the
 * default configuration, seconds per training epoch (validation excluded) into
 * docs/results/training-speed.csv.
 */
@Command(name = "speed", mixinStandardHelpOptions = true,
        description = "Seconds per training epoch of each model; writes training-speed.csv.")
@Dependent
@Unremovable
public class SpeedCommand implements Callable<Integer>, Checked, RegistryJob {
    static final List<String> HEADER = List.of("model", "dataset", "device", "hidden", "max_len", "batch",
            "seconds_per_epoch", "epochs", "total_seconds");

    @Option(names = "--dataset", paramLabel = "PATH", description = "Dataset (default: ${DEFAULT-VALUE}).",
            defaultValue = "${env:H2REC_DATASET:-../shared/data/amazon-beauty}")
    String dataset;
    @Option(names = "--models", split = ",", description = "Models (default: ${DEFAULT-VALUE}).",
            defaultValue = "sasrec,gru4rec,sid_only,naive_fusion,h2rec")
    List<String> models;
    @Option(names = "--epochs", description = "Epochs timed per model (default: ${DEFAULT-VALUE}).", defaultValue = "3")
    int epochs;
    @Option(names = "--param", paramLabel = "KEY=VALUE", description = "Hyper-parameter for every model (repeatable).")
    Map<String, String> params = new TreeMap<>();
    @Option(names = "--results", paramLabel = "CSV", description = "Rows go here (default: ${DEFAULT-VALUE}).",
            defaultValue = "docs/results/training-speed.csv")
    Path results;

    @Inject
    PrepareDatasetUseCase datasets;
    @Inject
    RegisterExperimentUseCase experiments;
    @Inject
    TrainModelUseCase training;
    @Inject
    Trainers trainers;
    @Inject
    CodebookResolver codebooks;

    PrintStream out = System.out;

    @Override
    public void check() {
        DatasetInputs.dataset(dataset);
        Inputs.atLeast("--epochs", epochs, 1);
        OutputPaths.file("--results", results);
        for (String fixed : List.of("epochs", "patience")) {
            if (params.containsKey(fixed)) {
                throw new IllegalArgumentException("--param " + fixed + ": speed times exactly --epochs epochs; use --epochs");
            }
        }
        for (String model : models) {
            if (model.equals(PopularityTrainer.MODEL)) {
                throw new IllegalArgumentException("--models: popular counts items, it has no training epochs to time");
            }
            ModelCheck.check(model, timed(params));
        }
    }

    /** The parameters of a timed run: exactly --epochs epochs (no early stop). */
    private Map<String, String> timed(Map<String, String> params) {
        Map<String, String> p = new TreeMap<>(params);
        p.put("epochs", String.valueOf(epochs));
        p.put("patience", String.valueOf(epochs));
        return p;
    }

    @Override
    public Integer call() {
        check();
        RegisteredDataset ds = datasets.prepare(new PrepareDatasetCommand(dataset, PreparationParams.DEFAULT))
                .registration();
        List<Map<String, String>> rows = new ArrayList<>();
        out.println(ConsoleProgress.deviceLine(trainers.forModel(models.get(0)).device()));
        for (String model : models) {
            Long codebook = trainers.forModel(model).usesSemanticIds(model)
                    ? codebooks.ensure(ds.id(), "rqkmeans", ConsoleProgress.job(out)).id() : null;
            Map<String, String> p = timed(params);
            Experiment e = experiments.register(new RegisterExperimentCommand(new ExperimentSpec(
                    "speed-" + ds.name() + "-" + model + "-" + Integer.toHexString(p.toString().hashCode())
                            + "-" + System.currentTimeMillis(), ds.id(), codebook, model, p, List.of(42L))));
            Run run = training.execute(training.queue(new TrainModelCommand(e.id(), 42)).id(), new ConsoleProgress(out));
            if (run.status() != RunStatus.SUCCEEDED) {
                out.printf("%s: %s %s%n", model, run.status(), run.error());
                return 1;
            }
            Map<String, String> cfg = run.provenance().config();
            Map<String, String> row = new LinkedHashMap<>();
            row.put("model", model);
            row.put("dataset", ds.name());
            row.put("device", run.provenance().device());
            row.put("hidden", cfg.get("hidden"));
            row.put("max_len", cfg.get("max_len"));
            row.put("batch", cfg.get("batch"));
            row.put("seconds_per_epoch", String.format(Locale.ROOT, "%.2f", run.progress().secondsPerEpoch()));
            row.put("epochs", String.valueOf(run.progress().epoch()));
            row.put("total_seconds", String.valueOf(Duration.between(run.startedAt(), run.finishedAt()).toSeconds()));
            rows.add(row);
            out.printf("%s: %.2f s per training epoch on %s%n", model, run.progress().secondsPerEpoch(),
                    run.provenance().device());
        }
        ResultsCsv.replaceRows(results, HEADER, r -> r.get("dataset").equals(ds.name())
                && rows.stream().anyMatch(n -> n.get("model").equals(r.get("model"))), rows);
        out.printf("wrote %s%n", results);
        return 0;
    }
}
