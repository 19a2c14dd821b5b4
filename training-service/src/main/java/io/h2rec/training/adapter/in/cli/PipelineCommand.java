package io.h2rec.training.adapter.in.cli;

import io.h2rec.adapter.in.cli.ConsoleProgress;
import io.h2rec.adapter.in.cli.Checked;
import io.h2rec.adapter.in.cli.Inputs;
import io.h2rec.adapter.out.dataset.DatasetInputs;
import io.h2rec.domain.service.ExperimentIdentity;
import io.h2rec.domain.model.Codebook;
import io.h2rec.domain.model.Experiment;
import io.h2rec.domain.model.ExperimentSpec;
import io.h2rec.domain.model.PreparationParams;
import io.h2rec.domain.model.PreparedDataset;
import io.h2rec.domain.model.QuantizerConfig;
import io.h2rec.domain.model.RegisteredDataset;
import io.h2rec.domain.model.Run;
import io.h2rec.domain.model.RunStatus;
import io.h2rec.domain.model.SplitProtocol;
import io.h2rec.domain.port.in.PrepareDatasetCommand;
import io.h2rec.domain.port.in.PrepareDatasetUseCase;
import io.h2rec.domain.port.in.RegisterExperimentUseCase;
import io.h2rec.domain.port.in.TrainModelCommand;
import io.h2rec.domain.port.in.TrainModelUseCase;
import io.h2rec.domain.port.out.ExperimentStore;
import io.h2rec.domain.port.out.ModelVersionStore;
import io.h2rec.domain.service.CodebookResolver;
import io.h2rec.domain.baseline.PopularityTrainer;
import io.h2rec.domain.port.out.Trainers;
import io.h2rec.wiring.ModelCheck;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/**
 * The main job, the whole pipeline in one command: prepare a dataset, quantize its item text
 * (reusing a codebook version that exists), train a model (H2Rec on a short schedule by default),
 * evaluate it on both protocols, register the model version, print the head/tail table.
 */
@Command(name = "pipeline", mixinStandardHelpOptions = true,
        description = "Prepare -> quantize -> train -> evaluate -> register the model version -> print the table.")
@Dependent
@Unremovable
public class PipelineCommand implements Callable<Integer>, Checked {

    @Option(names = "--dataset", paramLabel = "PATH",
            description = "Dataset folder or interactions.csv (default: ${DEFAULT-VALUE}).",
            defaultValue = "${env:H2REC_DATASET:-../shared/data/movielens-100k}")
    String dataset;

    @Option(names = "--model", description = "Model to train (default: ${DEFAULT-VALUE}).", defaultValue = "h2rec")
    String model;

    @Option(names = "--quantizer", description = "Quantizer of the semantic IDs: rqkmeans, rqvae, pq (default: ${DEFAULT-VALUE}).",
            defaultValue = "rqkmeans")
    String quantizer;

    @Option(names = "--epochs", description = "Training epochs at most: the short schedule (default: ${DEFAULT-VALUE}; "
            + "the paper's is 200 with patience 20).", defaultValue = "30")
    int epochs;

    @Option(names = "--seed", description = "Seed (default: ${DEFAULT-VALUE}).", defaultValue = "42")
    long seed;

    @Option(names = "--k-core", description = "k of the iterative k-core filter (default: ${DEFAULT-VALUE}).",
            defaultValue = "5")
    int kCore;

    @Option(names = "--split", paramLabel = "SPLIT", description = "leave-one-out (default), temporal (train before "
            + "t1, validate t1-t2, test after t2; t1/t2 at the 0.8/0.9 quantiles of the timestamps) or temporal:T1,T2 "
            + "(quantiles, or epoch seconds); needs a dataset with timestamps (docs/datasets.md).",
            defaultValue = "leave-one-out")
    String split;

    @Option(names = "--param", paramLabel = "KEY=VALUE", description = "Model hyper-parameter override (repeatable).")
    Map<String, String> params = new TreeMap<>();

    @Option(names = "--profile", paramLabel = "NAME", description = "A named parameter set under --param, e.g. "
            + "'paper' (the paper's BCE training).")
    String profile;

    @Inject
    PrepareDatasetUseCase datasets;
    @Inject
    RegisterExperimentUseCase experiments;
    @Inject
    TrainModelUseCase training;
    @Inject
    ExperimentStore store;
    @Inject
    ModelVersionStore versions;
    @Inject
    Trainers trainers;
    @Inject
    CodebookResolver codebooks;
    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String databaseUrl;

    PrintStream out = System.out;

    @Override
    public void check() {
        DatasetInputs.dataset(dataset);
        Inputs.atLeast("--epochs", epochs, 1);
        Inputs.atLeast("--k-core", kCore, 1);
        DatasetInputs.split("--split", split, dataset);
        QuantizerConfig.defaults(quantizer);
        ModelCheck.check(model, trainingParams());
    }

    /** --profile, then --param over it, with the short schedule's epochs (the most-popular scorer takes none). */
    private Map<String, String> trainingParams() {
        Map<String, String> p = new TreeMap<>();
        if (profile != null && !model.equals(PopularityTrainer.MODEL)) {
            p.putAll(ModelCheck.profile(profile));
        }
        p.putAll(params);
        if (!model.equals(PopularityTrainer.MODEL)) {
            p.putIfAbsent("epochs", String.valueOf(epochs));
        }
        return p;
    }

    @Override
    public Integer call() {
        check();
        long t0 = System.nanoTime();
        SplitProtocol splitProtocol = DatasetInputs.split("--split", split, dataset);
        out.printf("[1/4] preparing %s (%d-core, %s)%n", dataset, kCore, splitProtocol);
        PreparedDataset prepared = datasets.prepare(new PrepareDatasetCommand(dataset,
                new PreparationParams(kCore, PreparationParams.DEFAULT.minUserInteractions(), splitProtocol)));
        RegisteredDataset ds = prepared.registration();
        out.printf("      %s: %,d users, %,d items, %,d interactions (before filtering %,d / %,d / %,d); "
                        + "dataset %d, fingerprint %s%n",
                ds.name(), ds.stats().usersAfter(), ds.stats().itemsAfter(), ds.stats().interactionsAfter(),
                ds.stats().usersBefore(), ds.stats().itemsBefore(), ds.stats().interactionsBefore(), ds.id(),
                ds.fingerprint().substring(0, 12));

        Long codebook = null;
        if (trainers.forModel(model).usesSemanticIds(model)) {
            out.printf("[2/4] semantic IDs (%s)%n", quantizer);
            Codebook c = codebooks.find(ds.id(), quantizer).orElse(null);
            if (c != null) {
                out.printf("      codebook %d (%s, L=%d, K=%d) already exists%n", c.id(), quantizer, c.config().levels(),
                        c.config().codebookSize());
            } else {
                out.printf("      quantizing item text with %s ...%n", quantizer);
                c = codebooks.ensure(ds.id(), quantizer, ConsoleProgress.job(out));
                out.printf("      codebook %d: %d collisions, encode %.0f s, quantize %.0f s%n", c.id(),
                        c.stats().collisions(), c.stats().encodeSeconds(), c.stats().quantizeSeconds());
            }
            codebook = c.id();
        } else {
            out.printf("[2/4] %s uses no semantic IDs%n", model);
        }

        Map<String, String> p = trainingParams();
        String name = "pipeline-" + ds.name() + "-" + model + "-" + ds.fingerprint().substring(0, 8)
                + (codebook == null ? "" : "-cb" + codebook)
                + (p.isEmpty() ? "" : "-" + Integer.toHexString(p.toString().hashCode()));
        Experiment exp = ExperimentIdentity.ensure(store, experiments,
                new ExperimentSpec(name, ds.id(), codebook, model, p, List.of(seed)));
        Run queued = training.queue(new TrainModelCommand(exp.id(), seed));
        out.printf("[3/4] training %s (experiment %d, run %d, seed %d)%n", model, exp.id(), queued.id(), seed);
        if (!model.equals(PopularityTrainer.MODEL)) {
            out.println("      " + ConsoleProgress.deviceLine(trainers.forModel(model).device()));
        }
        Run run = training.execute(queued.id(), new ConsoleProgress(out));
        if (run.status() != RunStatus.SUCCEEDED) {
            out.printf("run %d %s: %s%n", run.id(), run.status(), run.error());
            return 1;
        }
        var version = versions.findByRun(run.id());
        out.printf("[4/4] evaluated and registered: model version %s (%.1f min in all)%n%n",
                version.map(v -> String.valueOf(v.id())).orElse("?"), (System.nanoTime() - t0) / 6e10);
        out.print(ResultTable.format(model + " on " + ds.name(), store.metrics(run.id())));
        out.printf("%nrun %d recorded in PostgreSQL (%s); e.g.%n"
                        + "  SELECT protocol, grp, metric, k, value FROM metric WHERE run_id = %d AND split = 'test';%n",
                run.id(), databaseUrl, run.id());
        // Serving's port as the launcher gives it to serving (this command runs in another process).
        String grpcPort = System.getenv().getOrDefault("H2REC_SERVING_GRPC_PORT", "9090");
        version.ifPresent(v -> out.printf("serve it: POST /api/v1/models/%d/activate on the training service "
                + "(deploy/h2rec start), then rank over gRPC on :%s%n", v.id(), grpcPort));
        return 0;
    }
}
