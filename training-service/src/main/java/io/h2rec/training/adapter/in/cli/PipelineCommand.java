package io.h2rec.training.adapter.in.cli;

import io.h2rec.domain.model.Experiment;
import io.h2rec.domain.model.ExperimentSpec;
import io.h2rec.domain.model.PreparationParams;
import io.h2rec.domain.model.PreparedDataset;
import io.h2rec.domain.model.RegisteredDataset;
import io.h2rec.domain.model.Run;
import io.h2rec.domain.model.RunStatus;
import io.h2rec.domain.port.in.PrepareDatasetCommand;
import io.h2rec.domain.port.in.PrepareDatasetUseCase;
import io.h2rec.domain.port.in.RegisterExperimentCommand;
import io.h2rec.domain.port.in.RegisterExperimentUseCase;
import io.h2rec.domain.port.in.TrainModelCommand;
import io.h2rec.domain.port.in.TrainModelUseCase;
import io.h2rec.domain.port.out.ExperimentStore;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The main job: prepare a dataset, train and evaluate a model, record the run in PostgreSQL and
 * print the head/tail table.
 */
@Command(name = "pipeline", mixinStandardHelpOptions = true,
        description = "Prepare a dataset, train + evaluate a model, record the run, print the table.")
@Dependent
@Unremovable
public class PipelineCommand implements Callable<Integer> {

    @Option(names = "--dataset", paramLabel = "PATH",
            description = "Dataset folder or interactions.csv (default: ${DEFAULT-VALUE}).",
            defaultValue = "${env:H2REC_DATASET:-../shared/data/amazon-beauty}")
    String dataset;

    @Option(names = "--model", description = "Model to train (default: ${DEFAULT-VALUE}).", defaultValue = "popular")
    String model;

    @Option(names = "--seed", description = "Seed (default: ${DEFAULT-VALUE}).", defaultValue = "42")
    long seed;

    @Option(names = "--k-core", description = "k of the iterative k-core filter (default: ${DEFAULT-VALUE}).",
            defaultValue = "5")
    int kCore;

    @Option(names = "--param", paramLabel = "KEY=VALUE", description = "Model hyper-parameter override (repeatable).")
    Map<String, String> params = Map.of();

    @Option(names = "--codebook", paramLabel = "ID", description = "Codebook version for SID models (sid_only, naive_fusion, h2rec*).")
    Long codebook;

    @Inject
    PrepareDatasetUseCase datasets;
    @Inject
    RegisterExperimentUseCase experiments;
    @Inject
    TrainModelUseCase training;
    @Inject
    ExperimentStore store;
    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String databaseUrl;

    PrintStream out = System.out;

    @Override
    public Integer call() {
        long t0 = System.nanoTime();
        out.printf("[1/3] preparing %s (%d-core, leave-one-out)%n", dataset, kCore);
        PreparedDataset prepared = datasets.prepare(new PrepareDatasetCommand(dataset,
                new PreparationParams(kCore, PreparationParams.DEFAULT.minUserInteractions())));
        RegisteredDataset ds = prepared.registration();
        out.printf("      %s: %,d users, %,d items, %,d interactions (before filtering %,d / %,d / %,d); "
                        + "dataset id %d, fingerprint %s%n",
                ds.name(), ds.stats().usersAfter(), ds.stats().itemsAfter(), ds.stats().interactionsAfter(),
                ds.stats().usersBefore(), ds.stats().itemsBefore(), ds.stats().interactionsBefore(), ds.id(),
                ds.fingerprint().substring(0, 12));

        String name = "pipeline-" + ds.name() + "-" + model + "-" + ds.fingerprint().substring(0, 8)
                + (codebook == null ? "" : "-cb" + codebook)
                + (params.isEmpty() ? "" : "-" + Integer.toHexString(new java.util.TreeMap<>(params).toString().hashCode()));
        Experiment exp = experiments.register(new RegisterExperimentCommand(
                new ExperimentSpec(name, ds.id(), codebook, model, params, List.of(seed))));
        Run queued = training.queue(new TrainModelCommand(exp.id(), seed));
        out.printf("[2/3] training %s (experiment %d, run %d, seed %d)%n", model, exp.id(), queued.id(), seed);
        Run run = training.execute(queued.id(), new ConsoleProgress(out));
        if (run.status() != RunStatus.SUCCEEDED) {
            out.printf("run %d %s: %s%n", run.id(), run.status(), run.error());
            return 1;
        }
        out.printf("[3/3] evaluated: test split, both protocols (%.1f s in all)%n%n", (System.nanoTime() - t0) / 1e9);
        out.print(ResultTable.format(model + " on " + ds.name(), store.metrics(run.id())));
        out.printf("%nrun %d recorded in PostgreSQL (%s): tables run, metric; e.g.%n"
                + "  SELECT protocol, grp, metric, k, value FROM metric WHERE run_id = %d AND split = 'test';%n",
                run.id(), databaseUrl, run.id());
        return 0;
    }
}
