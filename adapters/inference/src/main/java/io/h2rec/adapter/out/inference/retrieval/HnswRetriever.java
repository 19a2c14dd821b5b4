package io.h2rec.adapter.out.inference.retrieval;

import io.h2rec.adapter.out.inference.InnerProducts;
import io.h2rec.domain.evaluation.TopK;
import io.h2rec.domain.port.out.CandidateIndex;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TaskExecutor;
import org.apache.lucene.search.TopKnnCollector;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.hnsw.HnswConcurrentMergeBuilder;
import org.apache.lucene.util.hnsw.HnswGraphBuilder;
import org.apache.lucene.util.hnsw.HnswGraphSearcher;
import org.apache.lucene.util.hnsw.OnHeapHnswGraph;
import org.apache.lucene.util.hnsw.RandomVectorScorerSupplier;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.BitSet;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Candidates from an HNSW graph over the item vectors (k' of them, excluded items filtered inside the
 * search, in the inner product's order), then every candidate rescored exactly with the models' dot
 * product and the best k kept. Sub-linear in the catalogue; recall below 1 is the price.
 *
 * <p>The graph is two of Lucene's: one built under the inner product itself (its upper levels and
 * level-0 edges lead a search quickly to the large-norm items that win most rankings, but leave
 * many small-norm items without an incoming edge: on Beauty's H2Rec grown to 100,000 items 64% were
 * unreachable), and one built under the MIPS transform ({@link DotScorers#transformed()}, a metric
 * under which items keep neighbours that point back), whose level-0 edges are added to the first's;
 * then {@link Reconnect} gives the few items still without a path from the entry point an edge
 * each. Either graph alone did worse (docs/retrieval.md): the transformed one lost recall@10, the
 * inner-product one every unreachable item.
 */
final class HnswRetriever extends BaseRetriever implements CandidateIndex {
    private final float[] items;
    private final int candidates;
    private final DotScorers scorers;
    private final FrozenGraph graph;

    private HnswRetriever(float[] items, int numItems, int dim, int candidates, DotScorers scorers, FrozenGraph graph) {
        super("hnsw", numItems, dim);
        this.items = items;
        this.candidates = candidates;
        this.scorers = scorers;
        this.graph = graph;
    }

    /**
     * Builds the graph over items 1..numItems of a row-major [(numItems + 1 + more) * dim] matrix (not
     * copied; rows past numItems, a model's cold-start items, are left out). With one build thread an
     * interrupt stops it with a {@link CancellationException}.
     */
    static HnswRetriever build(float[] items, int numItems, int dim, RetrievalConfig c) {
        if (numItems < 1 || dim < 1 || items.length < (long) (numItems + 1) * dim || items.length % dim != 0) {
            throw new IllegalArgumentException("item matrix holds " + items.length + " values, expected at least ("
                    + numItems + " + 1) x " + dim);
        }
        DotScorers scorers = new DotScorers(items, numItems, dim);
        try {
            FrozenGraph byScore = new FrozenGraph(graph(scorers.innerProduct(), numItems, c));
            FrozenGraph byDistance = new FrozenGraph(graph(scorers.transformed(), numItems, c));
            FrozenGraph graph = Reconnect.everyNode(byScore.withLevelZeroOf(byDistance), scorers.transformed(), c.beamWidth());
            return new HnswRetriever(items, numItems, dim, c.candidates(), scorers, graph);
        } catch (IOException e) {
            throw new UncheckedIOException(e);  // on-heap vectors: Lucene's signatures only
        }
    }

    /** Lucene's graph over nodes 0..n-1 under the supplier's similarity; one build thread: interruptible, seeded. */
    static OnHeapHnswGraph graph(RandomVectorScorerSupplier scorers, int n, RetrievalConfig c) throws IOException {
        if (c.buildThreads() == 1) {
            // Lucene's build(n) adds nodes 0..n-1 and completes the graph; done here node by node so an
            // interrupt (serving cancels the build of a version that left the routing) stops it.
            HnswGraphBuilder builder = HnswGraphBuilder.create(scorers, c.maxConn(), c.beamWidth(), c.seed(), n);
            for (int node = 0; node < n; node++) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new CancellationException("index build interrupted after " + node + " of " + n + " items");
                }
                builder.addGraphNode(node);
            }
            return builder.getCompletedGraph();
        }
        ExecutorService pool = Executors.newFixedThreadPool(c.buildThreads(), r -> {
            Thread t = new Thread(r, "hnsw-build");
            t.setDaemon(true);
            return t;
        });
        try {
            OnHeapHnswGraph empty = HnswGraphBuilder.create(scorers, c.maxConn(), c.beamWidth(), c.seed(), n).getGraph();
            return new HnswConcurrentMergeBuilder(new TaskExecutor(pool), c.buildThreads(), scorers, c.maxConn(),
                    c.beamWidth(), empty, null).build(n);
        } finally {
            pool.shutdownNow();
        }
    }

    @Override
    public Hits topK(float[] user, int k, BitSet excluded) {
        checkQuery(user, k, excluded);
        int[] cand = search(user, k, excluded);
        float[] exact = new float[cand.length];
        for (int i = 0; i < cand.length; i++) {
            exact[i] = InnerProducts.dot(user, 0, items, cand[i] * dim, dim);
        }
        int[] top = TopK.selectAmong(cand, exact, k, new BitSet());
        int[] out = new int[top.length];
        float[] scores = new float[top.length];
        for (int i = 0; i < top.length; i++) {
            out[i] = cand[top[i]];
            scores[i] = exact[top[i]];
        }
        return new Hits(out, scores);
    }

    /** The same graph searched for another number of candidates (k' is a search setting, not the graph's). */
    HnswRetriever withCandidates(int k) {
        return new HnswRetriever(items, numItems, dim, k, scorers, graph);
    }

    /** Serving's port: the graph's candidates alone; the model scores them. */
    @Override
    public int[] candidates(float[] query, int k, BitSet excluded) {
        if (query == null || query.length != dim || k < 1 || excluded == null) {
            throw new IllegalArgumentException("a query of " + dim + " values, k >= 1 and an exclusion set are needed");
        }
        return search(query, k, excluded);
    }

    /** The graph search's max(k', k) best items by approximate score, ascending item index. */
    private int[] search(float[] user, int k, BitSet excluded) {
        int beam = Math.max(candidates, k);
        TopKnnCollector collector = new TopKnnCollector(beam, Integer.MAX_VALUE);
        try {
            HnswGraphSearcher.search(scorers.query(user, 0), collector, graph.view(), accepted(excluded));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ScoreDoc[] found = collector.topDocs().scoreDocs;
        int[] cand = new int[found.length];
        for (int i = 0; i < found.length; i++) {
            cand[i] = found[i].doc + 1;
        }
        Arrays.sort(cand);   // ties then go to the lower item index, as on the exact path
        return cand;
    }

    private Bits accepted(BitSet excluded) {
        if (excluded.isEmpty()) {
            return null;
        }
        return new Bits() {
            @Override
            public boolean get(int ord) {
                return !excluded.get(ord + 1);
            }

            @Override
            public int length() {
                return numItems;
            }
        };
    }

    /** Items reachable from the graph's entry by its edges; the others are never proposed. */
    @Override
    public int reachableItems() {
        return graph.reachableFromEntry();
    }

    @Override
    public long ramBytes() {
        return graph.ramBytes() + scorers.ramBytes();
    }
}
