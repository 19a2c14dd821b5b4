package io.h2rec.lab;

import io.h2rec.adapter.in.cli.Checked;
import io.h2rec.adapter.in.cli.Inputs;
import io.h2rec.adapter.out.artifacts.FileModelArtifactStore;
import io.h2rec.adapter.out.dataset.DatasetInputs;
import io.h2rec.adapter.out.inference.InnerProducts;
import io.h2rec.adapter.out.inference.JavaInferenceEngine;
import io.h2rec.adapter.out.inference.retrieval.HnswIndexer;
import io.h2rec.adapter.out.inference.retrieval.RetrievalConfig;
import io.h2rec.domain.model.ItemId;
import io.h2rec.domain.model.ModelVersion;
import io.h2rec.domain.model.ModelWeights;
import io.h2rec.domain.model.RankQuery;
import io.h2rec.domain.model.RetrievalState;
import io.h2rec.domain.model.ServingModel;
import io.h2rec.domain.port.out.CandidateIndex;
import io.h2rec.domain.service.RankItemsService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * Serving's ranking use case (RankItemsService, what each scoring worker calls) on a trained model
 * whose catalogue is grown to many items ({@link GrownCatalogue}): the exact path, then the same
 * version with serving's HNSW index (HnswIndexer, serving's settings) once built. Per path: latency
 * of one ranking at a time on the calling thread (the forward pass of the real encoder, candidate
 * search, exact scoring, filters, top-k, id mapping), recall@10 against the exact path, build time
 * and memory. In process: no gRPC, no micro-batching, no admission queue.
 */
@Command(name = "retrieval-serving", mixinStandardHelpOptions = true,
        description = "Benchmark serving's ranking use case, exact vs HNSW retrieval, on a trained model's catalogue grown large.")
final class ServingRetrievalBench implements Callable<Integer>, Checked {
    @Option(names = "--artifact", required = true, paramLabel = "DIR",
            description = "A trained sequence model's artifact directory (manifest.json, weights.bin), e.g. $H2REC_HOME/artifacts/run-1.")
    Path artifact;
    @Option(names = "--dataset", paramLabel = "PATH", defaultValue = "${env:H2REC_DATASET:-../shared/data/amazon-beauty}",
            description = "Histories from this dataset's test split, the one the model was trained on (default: ${DEFAULT-VALUE}).")
    String dataset;
    @Option(names = "--items", split = ",", defaultValue = "100000,1000000",
            description = "Catalogue sizes to grow the model to (default: ${DEFAULT-VALUE}).")
    int[] sizes;
    @Option(names = "--queries", defaultValue = "500", description = "Timed rankings per path and size (default: ${DEFAULT-VALUE}).")
    int queries;
    @Option(names = "--warmup", defaultValue = "300", description = "Untimed rankings first (default: ${DEFAULT-VALUE}).")
    int warmup;
    @Option(names = "--candidates", split = ",", defaultValue = "800",
            description = "h2rec.serving.retrieval.candidates; several: a row each, one graph (default: ${DEFAULT-VALUE}).")
    int[] candidates;
    @Option(names = "--build-threads", defaultValue = "1",
            description = "h2rec.serving.retrieval.build-threads (default: ${DEFAULT-VALUE}, serving's).")
    int threads;
    @Option(names = "--seed", defaultValue = "42", description = "Growth and query seed (default: ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--out", paramLabel = "CSV", description = "Append the rows here (header when new), e.g. docs/results/retrieval-serving.csv.")
    Path out;

    static final int K = 10;
    static final String HEADER = "catalogue_items,path,recall_at_10,p50_ms,p99_ms,mean_ms,build_s,index_mb,heap_mb,candidates,"
            + "build_threads,queries,model,recall_at_200,recall_at_1000,reachable,graph";

    @Override
    public void check() {
        Inputs.atLeast("--queries", queries, 1);
        Inputs.atLeast("--warmup", warmup, 0);
        for (int n : sizes) {
            Inputs.atLeast("--items", n, 1);
            if (n > RetrievalBench.MAX_ITEMS) {
                throw new IllegalArgumentException("--items must be at most " + RetrievalBench.MAX_ITEMS + ", got " + n);
            }
        }
        if (!Files.isRegularFile(artifact.resolve("manifest.json"))) {
            throw new IllegalArgumentException("--artifact " + artifact + " holds no manifest.json: give a model's artifact "
                    + "directory, e.g. $H2REC_HOME/artifacts/run-1");
        }
        DatasetInputs.dataset(dataset);
        for (int c : candidates) {
            RetrievalConfig.defaults().withCandidates(c);
        }
        config();
        if (out != null) {
            RetrievalCsv.requireAppendable(out, HEADER);
        }
    }

    private RetrievalConfig config() {
        return RetrievalConfig.defaults().withMinCatalogue(1).withCandidates(candidates[0]).withGraph(16, 100, threads);
    }

    @Override
    public Integer call() throws IOException {
        check();
        ModelWeights trained = new FileModelArtifactStore(artifact.getParent()).load(artifact.toUri().toString());
        List<List<String>> histories = new ArrayList<>(Histories.testSplit(dataset));
        Collections.shuffle(histories, new Random(seed));
        histories = histories.subList(0, Math.min(histories.size(), warmup + queries));
        System.out.printf("%s (%,d trained items), %d histories of %s (mean %.1f items); kernels: %s%n",
                trained.modelType(), trained.numItems(), histories.size(), dataset, Histories.meanLength(histories),
                InnerProducts.describe());
        List<String> rows = new ArrayList<>();
        for (int n : sizes) {
            rows.addAll(measure(trained, n, histories));
        }
        if (out != null) {
            RetrievalCsv.append(out, HEADER, rows);
            System.out.println("appended to " + out);
        }
        return 0;
    }

    private List<String> measure(ModelWeights trained, int n, List<List<String>> histories) {
        long t0 = System.nanoTime();
        ModelWeights grown = GrownCatalogue.grow(trained, n, seed);
        ServingModel exact = new ServingModel(new ModelVersion(1, 1, grown.modelType(), artifact.toUri().toString(), "", null,
                true, null), new JavaInferenceEngine().load(grown), grown.itemIds(), grown.array("popularity").values());
        grown = null;
        double heapMb = heapMb();
        System.out.printf("%,d items: grown and loaded in %.1f s, heap %.0f MB%n", n, (System.nanoTime() - t0) / 1e9, heapMb);
        List<RankQuery> qs = histories.stream().map(h -> new RankQuery(h.stream().map(ItemId::new).toList(), K, true,
                List.of(), List.of())).toList();
        List<String> truth = new ArrayList<>();
        RankItemsService exactService = new RankItemsService(() -> exact);
        Timing e = time(exactService, qs, truth, null);
        List<List<List<String>>> deepTruth = new ArrayList<>();
        for (int kk : RetrievalBench.RECALL_AT) {
            deepTruth.add(kk > n ? null : tops(exactService, qs, kk));
        }
        String model = trained.modelType() + " " + artifact.getFileName() + " (" + trained.config().getOrDefault("epochs", "?")
                + " epochs)";
        List<String> rows = new ArrayList<>();
        rows.add(row(n, "exact", 1.0, e, 0, 0, heapMb, "", "", model, exactDeep(deepTruth) + ",1.0000,"));
        long b0 = System.nanoTime();
        CandidateIndex built = new HnswIndexer(config()).build(exact.model(), n);
        double buildS = (System.nanoTime() - b0) / 1e9;
        double indexedHeap = heapMb();
        String reachable = String.format(Locale.ROOT, ",%.4f,%s", HnswIndexer.reachableItems(built) / (double) n,
                HnswIndexer.GRAPH);
        for (int c : candidates) {
            CandidateIndex index = HnswIndexer.withCandidates(built, c);
            ServingModel indexed = exact.withRetrieval(RetrievalState.ready(index, "bench"));
            RankItemsService service = new RankItemsService(() -> indexed);
            Timing h = time(service, qs, new ArrayList<>(), truth);
            rows.add(row(n, "hnsw", h.recall, h, buildS, index.ramBytes() / 1048576.0, indexedHeap, String.valueOf(c),
                    String.valueOf(threads), model, deep(service, qs, deepTruth) + reachable));
        }
        return rows;
    }

    private String row(int n, String path, double recall, Timing t, double buildS, double indexMb, double heapMb,
                       String cand, String threadsUsed, String model, String more) {
        String r = String.format(Locale.ROOT, "%d,%s,%.4f,%.3f,%.3f,%.3f,%.1f,%.0f,%.0f,%s,%s,%d,%s%s", n, path, recall,
                t.p50, t.p99, t.mean, buildS, indexMb, heapMb, cand, threadsUsed, queries, model, more);
        System.out.println(r);
        return r;
    }

    private record Timing(double p50, double p99, double mean, double recall) {
    }

    /** Warm-up, then one ranking at a time; tops collects each timed ranking's items ("a b c"), truth compares. */
    private Timing time(RankItemsService service, List<RankQuery> qs, List<String> tops, List<String> truth) {
        for (int q = 0; q < warmup && q < qs.size(); q++) {
            service.rank(qs.get(q));
        }
        int timed = Math.min(queries, qs.size() - Math.min(warmup, qs.size()));
        long[] nanos = new long[timed];
        long found = 0;
        for (int q = 0; q < timed; q++) {
            RankQuery query = qs.get(Math.min(warmup, qs.size()) + q);
            long s = System.nanoTime();
            var ranking = service.rank(query);
            nanos[q] = System.nanoTime() - s;
            List<String> items = ranking.items().stream().map(i -> i.item().value()).toList();
            tops.add(String.join(" ", items));
            if (truth != null) {
                List<String> expected = List.of(truth.get(q).split(" "));
                found += items.stream().filter(expected::contains).count();
            }
        }
        double mean = Arrays.stream(nanos).average().orElse(0) / 1e6;
        Arrays.sort(nanos);
        return new Timing(nanos[timed / 2] / 1e6, nanos[(int) Math.ceil(0.99 * timed) - 1] / 1e6, mean,
                found / ((double) K * timed));
    }

    /** The timed histories' rankings of kk items each (untimed), as item ids. */
    private List<List<String>> tops(RankItemsService service, List<RankQuery> qs, int kk) {
        List<List<String>> out = new ArrayList<>();
        for (int q = Math.min(warmup, qs.size()); q < qs.size(); q++) {
            RankQuery base = qs.get(q);
            out.add(service.rank(new RankQuery(base.history(), kk, base.excludeHistory(), base.candidates(), base.exclude()))
                    .items().stream().map(i -> i.item().value()).toList());
        }
        return out;
    }

    /** The exact path's own ",recall@200,recall@1000": 1 by definition (the truth is its ranking), blank where not measured. */
    private static String exactDeep(List<List<List<String>>> truth) {
        StringBuilder s = new StringBuilder();
        truth.forEach(t -> s.append(t == null ? "," : ",1.0000"));
        return s.toString();
    }

    /** ",recall@200,recall@1000" of a service against the exact path's rankings (blank where the catalogue is smaller). */
    private String deep(RankItemsService service, List<RankQuery> qs, List<List<List<String>>> truth) {
        StringBuilder s = new StringBuilder();
        for (int d = 0; d < RetrievalBench.RECALL_AT.length; d++) {
            s.append(',');
            if (truth.get(d) == null) {
                continue;
            }
            List<List<String>> got = tops(service, qs, RetrievalBench.RECALL_AT[d]);
            long found = 0;
            long wanted = 0;
            for (int q = 0; q < got.size(); q++) {
                Set<String> expected = new HashSet<>(truth.get(d).get(q));
                found += got.get(q).stream().filter(expected::contains).count();
                wanted += expected.size();
            }
            s.append(String.format(Locale.ROOT, "%.4f", found / (double) wanted));
        }
        return s.toString();
    }

    /** Heap in use after a full collection. */
    private static double heapMb() {
        Runtime rt = Runtime.getRuntime();
        System.gc();
        return (rt.totalMemory() - rt.freeMemory()) / 1048576.0;
    }
}
