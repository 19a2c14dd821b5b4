package io.h2rec.lab;

import io.h2rec.adapter.in.cli.Checked;
import io.h2rec.adapter.in.cli.Inputs;
import io.h2rec.adapter.out.inference.InnerProducts;
import io.h2rec.adapter.out.inference.retrieval.HnswIndexer;
import io.h2rec.adapter.out.inference.retrieval.RetrievalConfig;
import io.h2rec.adapter.out.inference.retrieval.Retriever;
import io.h2rec.adapter.out.inference.retrieval.SyntheticCatalogue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

/**
 * Candidate retrieval against the exact scan on synthetic catalogues shaped like Beauty's H2Rec
 * (item vectors of 128 = [h(i); s(i)], 4 SID levels of 256 codes): per catalogue size, the exact
 * top-10 of every query, then each method's recall@10, latency per ranking (one at a time, on the
 * calling thread), build time and memory. In process: it measures the retrieval library, not a
 * server; the user vector (the encoder's forward pass, independent of the catalogue) is given.
 */
@Command(name = "retrieval", mixinStandardHelpOptions = true,
        description = "Benchmark HNSW candidate retrieval against the exact scan on synthetic H2Rec-shaped catalogues.")
final class RetrievalBench implements Callable<Integer>, Checked {
    /** 4 M item vectors of 128 floats are 2 GiB (Java arrays end at 2^31 values); the benchmark stops well below. */
    static final int MAX_ITEMS = 4_000_000;
    /** Deeper recalls measured beside recall@--k (k items asked for, the graph searching max(k', k)); blank above the catalogue. */
    static final int[] RECALL_AT = {200, 1000};
    static final String HEADER = "catalogue_items,method,recall_at_10,p50_ms,p99_ms,build_s,memory_mb,candidates,m,beam,"
            + "build_threads,queries,recall_at_200,recall_at_1000,reachable,graph";

    @Option(names = "--sizes", split = ",", defaultValue = "10000,100000,1000000",
            description = "Catalogue sizes (default: ${DEFAULT-VALUE}).")
    int[] sizes;
    @Option(names = "--queries", defaultValue = "1000", description = "Timed rankings per method and size (default: ${DEFAULT-VALUE}).")
    int queries;
    @Option(names = "--warmup", defaultValue = "200", description = "Untimed rankings first (default: ${DEFAULT-VALUE}).")
    int warmup;
    @Option(names = "--k", defaultValue = "10", description = "Items per ranking (default: ${DEFAULT-VALUE}).")
    int k;
    @Option(names = "--candidates", defaultValue = "200", description = "k': graph candidates rescored exactly (default: ${DEFAULT-VALUE}).")
    int candidates;
    @Option(names = "--m", defaultValue = "16", description = "Graph neighbours per node, M (default: ${DEFAULT-VALUE}).")
    int m;
    @Option(names = "--beam", defaultValue = "100", description = "Build beam width (default: ${DEFAULT-VALUE}).")
    int beam;
    @Option(names = "--build-threads", defaultValue = "2", description = "Graph build threads (default: ${DEFAULT-VALUE}).")
    int threads;
    @Option(names = "--seed", defaultValue = "42", description = "Catalogue and query seed (default: ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--out", paramLabel = "CSV", description = "Also write the table here (e.g. docs/results/retrieval.csv).")
    Path out;
    @Option(names = "--append", description = "Append the rows to --out (whose header must be this benchmark's) instead of replacing it.")
    boolean append;

    @Override
    public void check() {
        Inputs.atLeast("--queries", queries, 1);
        Inputs.atLeast("--warmup", warmup, 0);
        Inputs.atLeast("--k", k, 1);
        Inputs.atLeast("--candidates", candidates, k);
        for (int n : sizes) {
            Inputs.atLeast("--sizes", n, k);
            if (n > MAX_ITEMS) {
                throw new IllegalArgumentException("--sizes must be at most " + MAX_ITEMS + ", got " + n);
            }
        }
        config();
        if (out != null && append) {
            RetrievalCsv.requireAppendable(out, HEADER);
        }
    }

    /** The graph's configuration, bounded by RetrievalConfig (an IllegalArgumentException names the bound). */
    private RetrievalConfig config() {
        return RetrievalConfig.defaults().withMinCatalogue(1).withCandidates(candidates).withGraph(m, beam, threads);
    }

    @Override
    public Integer call() throws IOException {
        check();
        RetrievalConfig graph = config();
        List<String> rows = new ArrayList<>();
        rows.add(HEADER);
        System.out.printf("kernels: %s; %d queries per row after %d warm-up; k=%d%n", InnerProducts.describe(), queries,
                warmup, k);
        for (int n : sizes) {
            long t0 = System.nanoTime();
            SyntheticCatalogue c = SyntheticCatalogue.beautyShaped(n, seed);
            SplittableRandom rnd = new SplittableRandom(seed + 1);
            float[][] users = new float[warmup + queries][];
            for (int q = 0; q < users.length; q++) {
                users[q] = c.user(rnd, 5, 0.3f);
            }
            System.out.printf("%,d items generated in %.1f s%n", n, (System.nanoTime() - t0) / 1e9);
            long vectorBytes = 4L * c.items().length;
            int[][] truth = new int[queries][];
            int[][][] deepTruth = new int[RECALL_AT.length][queries][];
            for (String method : List.of("exact", "hnsw")) {
                RetrievalConfig config = method.equals("exact") ? RetrievalConfig.defaults().withMinCatalogue(Integer.MAX_VALUE)
                        : graph;
                long b0 = System.nanoTime();
                Retriever r = Retriever.build(c.items(), n, c.dim(), config);
                double buildS = (System.nanoTime() - b0) / 1e9;
                // the exact scan keeps its own layout of the vectors; the graph reads the row-major matrix
                double memoryMb = (r.ramBytes() + (method.equals("exact") ? 0 : vectorBytes)) / 1048576.0;
                for (int q = 0; q < warmup; q++) {
                    r.topK(users[q], k, new BitSet());
                }
                long[] nanos = new long[queries];
                double found = 0;
                for (int q = 0; q < queries; q++) {
                    long s = System.nanoTime();
                    int[] top = r.topK(users[warmup + q], k, new BitSet()).items();
                    nanos[q] = System.nanoTime() - s;
                    if (method.equals("exact")) {
                        truth[q] = top;
                    }
                    found += overlap(truth[q], top);
                }
                Arrays.sort(nanos);
                double recall = found / ((double) k * queries);
                StringBuilder deep = new StringBuilder();
                for (int d = 0; d < RECALL_AT.length; d++) {
                    deep.append(',').append(RECALL_AT[d] > n ? "" : String.format(Locale.ROOT, "%.4f",
                            recallAt(r, users, RECALL_AT[d], deepTruth[d], method.equals("exact"))));
                }
                boolean ex = method.equals("exact");
                String row = String.format(Locale.ROOT, "%d,%s,%.4f,%.3f,%.3f,%.1f,%.0f,%s,%s,%s,%s,%d%s,%.4f,%s", n, method,
                        recall, nanos[queries / 2] / 1e6, nanos[(int) Math.ceil(0.99 * queries) - 1] / 1e6, buildS, memoryMb,
                        ex ? "" : candidates, ex ? "" : m, ex ? "" : beam, ex ? "" : threads, queries, deep,
                        r.reachableItems() / (double) n, ex ? "" : HnswIndexer.GRAPH);
                System.out.println(row);
                rows.add(row);
            }
        }
        if (out != null) {
            if (append) {
                RetrievalCsv.append(out, HEADER, rows.subList(1, rows.size()));
            } else {
                Files.write(out, rows);
            }
            System.out.println("wrote " + out);
        }
        return 0;
    }

    /** Share of the truth's k items in r's k best, over the timed queries; the exact retriever fills the truth. */
    private double recallAt(Retriever r, float[][] users, int kk, int[][] truth, boolean isTruth) {
        double found = 0;
        for (int q = 0; q < queries; q++) {
            int[] top = r.topK(users[warmup + q], kk, new BitSet()).items();
            if (isTruth) {
                truth[q] = top;
            }
            found += overlap(truth[q], top);
        }
        return found / ((double) kk * queries);
    }

    private static int overlap(int[] truth, int[] got) {
        BitSet t = new BitSet();
        for (int x : truth) {
            t.set(x);
        }
        int n = 0;
        for (int x : got) {
            n += t.get(x) ? 1 : 0;
        }
        return n;
    }
}
