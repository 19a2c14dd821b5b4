package io.h2rec.serving.adapter.in.cli;

import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import io.grpc.netty.NettyChannelBuilder;
import io.h2rec.adapter.in.cli.Checked;
import io.h2rec.adapter.in.cli.Inputs;
import io.h2rec.adapter.out.dataset.FileSequenceSource;
import io.h2rec.adapter.out.results.ResultsCsv;
import io.h2rec.domain.model.DatasetSplit;
import io.h2rec.domain.model.ItemId;
import io.h2rec.domain.model.PreparationParams;
import io.h2rec.domain.model.RankQuery;
import io.h2rec.domain.port.in.RankItemsUseCase;
import io.h2rec.domain.dataset.DatasetPreparation;
import io.h2rec.domain.model.ServingModel;
import io.h2rec.serving.adapter.out.grpc.GrpcLoad;
import io.h2rec.serving.adapter.out.grpc.LoadResult;
import io.h2rec.serving.model.ModelHolder;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * The serving benchmark (a command, not a test): real user histories of a dataset, ranked by the
 * active model version, first in-process (the scorer alone), then over gRPC on loopback at fixed
 * rates (open loop: latency from the scheduled send time, so a slow server cannot hide queueing)
 * and at saturation. Writes docs/results/serving.csv.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure in-process and gRPC ranking throughput and latency; write serving.csv.")
@Dependent
@Unremovable
public class BenchCommand implements Callable<Integer>, Checked {
    static final List<String> HEADER = List.of("scenario", "target_rps", "achieved_rps", "p50_ms", "p99_ms", "errors", "cores");

    @Option(names = "--dataset", paramLabel = "PATH", description = "Histories from this dataset's test inputs (default: ${DEFAULT-VALUE}).",
            defaultValue = "${env:H2REC_DATASET:-../shared/data/amazon-beauty}")
    String dataset;
    @Option(names = "--rates", split = ",", description = "Fixed request rates (default: ${DEFAULT-VALUE}).", defaultValue = "500,1000")
    List<Integer> rates;
    @Option(names = "--seconds", description = "Measured seconds per scenario (default: ${DEFAULT-VALUE}).", defaultValue = "20")
    int seconds;
    @Option(names = "--k", description = "Items per ranking (default: ${DEFAULT-VALUE}).", defaultValue = "10")
    int k;
    @Option(names = "--results", paramLabel = "CSV", description = "Write the rows here (default: ${DEFAULT-VALUE}).",
            defaultValue = "docs/results/serving.csv")
    Path results;

    @Inject
    ModelHolder holder;
    @Inject
    RankItemsUseCase ranking;
    @Inject
    io.h2rec.domain.port.out.InferenceEngine engine;
    @ConfigProperty(name = "quarkus.grpc.server.port")
    int grpcPort;

    PrintStream out = System.out;

    @Override
    public void check() {
        Inputs.atLeast("--k", k, 1);
        Inputs.atLeast("--seconds", seconds, 1);
        rates.forEach(r -> Inputs.atLeast("--rates", r, 1));
        Inputs.dataset(dataset);
    }

    @Override
    public Integer call() throws Exception {
        check();
        holder.refresh();
        ServingModel model = holder.current();
        if (model == null) {
            out.println("no model version is active: activate one (training-service /api/v1/models/{id}/activate)");
            return 1;
        }
        List<List<ItemId>> histories = histories(model);
        out.printf("model version %d (%s, %,d items); %,d %s test histories; k=%d; %d cores; scoring: %s%n",
                model.version().id(), model.version().modelType(), model.numItems(), histories.size(), dataset, k,
                cores(), engine.describe());
        List<Map<String, String>> rows = new ArrayList<>();
        rows.add(InProcessLoad.run(ranking, histories, k, seconds, out));
        ManagedChannel channel = bearer(NettyChannelBuilder.forAddress("localhost", grpcPort).usePlaintext()).build();
        try {
            GrpcLoad load = new GrpcLoad(channel,
                    histories.stream().map(h -> h.stream().map(ItemId::value).toList()).toList(), k);
            load.warm(5);
            for (int rate : rates) {
                rows.add(row("grpc", load.fixedRate(rate, seconds, out)));
            }
            rows.add(row("grpc", load.saturation(64, seconds, out)));
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        ResultsCsv.replaceRows(results, HEADER, r -> true, rows);
        out.printf("wrote %s%n", results);
        return 0;
    }

    private List<List<ItemId>> histories(ServingModel model) {
        DatasetSplit split = DatasetPreparation.prepare(new FileSequenceSource().load(dataset), PreparationParams.DEFAULT);
        List<List<ItemId>> out = new ArrayList<>(split.numUsers());
        for (int u = 0; u < split.numUsers(); u++) {
            List<ItemId> h = new ArrayList<>();
            for (int i : split.testInput(u)) {
                h.add(split.item(i).id());
            }
            out.add(h);
        }
        if (model.indexOf(out.get(0).get(0)) == null) {
            throw new IllegalArgumentException("the active model does not know " + dataset + "'s items");
        }
        return out;
    }

    /** Calls carry the token in H2REC_TOKEN (deploy/h2rec bench passes the local ranker token), as a client's would. */
    static NettyChannelBuilder bearer(NettyChannelBuilder channel) {
        String token = System.getenv("H2REC_TOKEN");
        if (token != null && !token.isBlank()) {
            Metadata headers = new Metadata();
            headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token.trim());
            channel.intercept(MetadataUtils.newAttachHeadersInterceptor(headers));
        }
        return channel;
    }

    static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    static Map<String, String> row(String scenario, LoadResult result) {
        Map<String, String> r = new LinkedHashMap<>();
        r.put("scenario", scenario);
        r.put("target_rps", result.targetRps() <= 0 ? "max" : String.valueOf(result.targetRps()));
        r.put("achieved_rps", String.format(Locale.ROOT, "%.0f", result.achievedRps()));
        r.put("p50_ms", String.format(Locale.ROOT, "%.2f", result.p50Ms()));
        r.put("p99_ms", String.format(Locale.ROOT, "%.2f", result.p99Ms()));
        r.put("errors", String.valueOf(result.errors()));
        r.put("cores", String.valueOf(cores()));
        return r;
    }

    /** A ranking query as the benchmark sends it: top k, history excluded, no candidate filter. */
    static RankQuery query(List<ItemId> history, int k) {
        return new RankQuery(history, k, true, List.of(), List.of());
    }
}
