package io.h2rec.adapter.out.inference.retrieval;

import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopKnnCollector;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.hnsw.HnswGraphSearcher;
import org.apache.lucene.util.hnsw.RandomVectorScorerSupplier;

import java.io.IOException;
import java.util.BitSet;
import java.util.concurrent.CancellationException;
import java.util.logging.Logger;

/**
 * Makes every node of a built graph reachable from its entry node along level-0 edges, so a search
 * can propose every item. Lucene prunes neighbour lists for diversity, which can leave a node no
 * incoming edge, and 9.12 no longer reconnects such nodes when a build finishes
 * (HnswGraphBuilder#finish skips its connectComponents: apache/lucene#14214). In the index's graph
 * that left 1 to 572 of 100,000 items cut off (docs/retrieval.md, "Reachability"); each gets one edge
 * from its nearest reachable node under the given similarity, found by a search of the graph, and the
 * walk from it then marks the nodes only it pointed to. Cost: one graph search per such item.
 */
final class Reconnect {
    private static final Logger LOG = Logger.getLogger(Reconnect.class.getName());

    private Reconnect() {
    }

    /** The graph itself when every node is reachable, else a copy with the edges that make it so; beam: the search's width. */
    static FrozenGraph everyNode(FrozenGraph g, RandomVectorScorerSupplier scorers, int beam) throws IOException {
        int size = g.size();
        BitSet reached = new BitSet(size);
        g.markLevelZero(g.entryNode(), reached);
        int missing = size - reached.cardinality();
        if (missing == 0) {
            return g;
        }
        int[] from = new int[missing];
        int[] to = new int[missing];
        int count = 0;
        Bits accept = new Bits() {
            @Override
            public boolean get(int index) {
                return reached.get(index);
            }

            @Override
            public int length() {
                return size;
            }
        };
        for (int node = reached.nextClearBit(0); node < size; node = reached.nextClearBit(node + 1)) {
            if (Thread.currentThread().isInterrupted()) {
                throw new CancellationException("index build interrupted while reconnecting the graph");
            }
            TopKnnCollector nearest = new TopKnnCollector(beam, Integer.MAX_VALUE);
            HnswGraphSearcher.search(scorers.scorer(node), nearest, g.view(), accept);
            ScoreDoc[] found = nearest.topDocs().scoreDocs;
            from[count] = found.length > 0 ? found[0].doc : g.entryNode();
            to[count++] = node;
            g.markLevelZero(node, reached);
        }
        LOG.info(String.format("HNSW graph: %,d of %,d items had no path from the entry point; %,d edges added to reach them",
                missing, size, count));
        return g.withLevelZeroEdges(from, to, count);
    }
}
