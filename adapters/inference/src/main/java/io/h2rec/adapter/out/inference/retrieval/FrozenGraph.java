package io.h2rec.adapter.out.inference.retrieval;

import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.hnsw.HnswGraph;
import org.apache.lucene.util.hnsw.NeighborArray;
import org.apache.lucene.util.hnsw.OnHeapHnswGraph;

import java.io.IOException;
import java.util.Arrays;

/**
 * A built HNSW graph in compact, read-only arrays (neighbour lists per level, no scores, no locks).
 * Lucene's on-heap graph keeps its search cursor in the graph itself, so it cannot serve two
 * queries at once; {@link #view()} gives each query its own cursor over the shared arrays.
 */
final class FrozenGraph {
    private final int size;
    private final int entryNode;
    private final int[][] levelNodes;   // [level]: sorted node ids (level 0: null, every node)
    private final int[][] offsets;      // [level][position .. position+1]: a node's slice of neighbors[level]
    private final int[][] neighbors;    // [level]: every neighbour list of the level, concatenated

    FrozenGraph(OnHeapHnswGraph g) throws IOException {
        this.size = g.size();
        this.entryNode = g.entryNode();
        int levels = g.numLevels();
        this.levelNodes = new int[levels][];
        this.offsets = new int[levels][];
        this.neighbors = new int[levels][];
        for (int level = 0; level < levels; level++) {
            int[] nodes = level == 0 ? null : HnswGraph.NodesIterator.getSortedNodes(g.getNodesOnLevel(level));
            int count = nodes == null ? size : nodes.length;
            int[] off = new int[count + 1];
            for (int p = 0; p < count; p++) {
                off[p + 1] = off[p] + g.getNeighbors(level, nodes == null ? p : nodes[p]).size();
            }
            int[] all = new int[off[count]];
            for (int p = 0; p < count; p++) {
                NeighborArray n = g.getNeighbors(level, nodes == null ? p : nodes[p]);
                System.arraycopy(n.nodes(), 0, all, off[p], n.size());
            }
            levelNodes[level] = nodes;
            offsets[level] = off;
            neighbors[level] = all;
        }
    }

    long ramBytes() {
        long ints = 0;
        for (int level = 0; level < offsets.length; level++) {
            ints += offsets[level].length + neighbors[level].length + (levelNodes[level] == null ? 0 : levelNodes[level].length);
        }
        return 4 * ints;
    }

    /**
     * Nodes reachable from the entry node by following edges of any level: an upper bound of what a
     * search can return (a filtered search whose collector never fills walks all of them), so a node
     * outside it is never proposed for any query.
     */
    int reachableFromEntry() {
        if (size == 0) {
            return 0;
        }
        java.util.BitSet seen = new java.util.BitSet(size);
        int[] stack = new int[size];
        int top = 0;
        stack[top++] = entryNode;
        seen.set(entryNode);
        while (top > 0) {
            int node = stack[--top];
            for (int level = 0; level < offsets.length; level++) {
                int p = level == 0 ? node : Arrays.binarySearch(levelNodes[level], node);
                if (p < 0) {
                    break;   // a node on no level above this one
                }
                for (int at = offsets[level][p]; at < offsets[level][p + 1]; at++) {
                    int next = neighbors[level][at];
                    if (!seen.get(next)) {
                        seen.set(next);
                        stack[top++] = next;
                    }
                }
            }
        }
        return seen.cardinality();
    }

    /** A cursor over this graph for one query (not thread-safe itself; cheap to create). */
    HnswGraph view() {
        return new View();
    }

    private final class View extends HnswGraph {
        private int[] list = new int[0];
        private int at;
        private int end;

        @Override
        public void seek(int level, int target) {
            int p = level == 0 ? target : Arrays.binarySearch(levelNodes[level], target);
            if (p < 0) {
                throw new IllegalStateException("node " + target + " is not on level " + level);
            }
            list = neighbors[level];
            at = offsets[level][p];
            end = offsets[level][p + 1];
        }

        @Override
        public int nextNeighbor() {
            return at < end ? list[at++] : DocIdSetIterator.NO_MORE_DOCS;
        }

        @Override
        public int size() {
            return size;
        }

        @Override
        public int numLevels() {
            return offsets.length;
        }

        @Override
        public int entryNode() {
            return entryNode;
        }

        @Override
        public NodesIterator getNodesOnLevel(int level) {
            return level == 0 ? new ArrayNodesIterator(size)
                    : new ArrayNodesIterator(levelNodes[level], levelNodes[level].length);
        }
    }
}
