package io.h2rec.adapter.out.inference.retrieval;

import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.hnsw.HnswGraph;
import org.apache.lucene.util.hnsw.NeighborArray;
import org.apache.lucene.util.hnsw.OnHeapHnswGraph;

import java.io.IOException;
import java.util.Arrays;
import java.util.BitSet;

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

    /** This graph with edges from[i] -> to[i] (i < count) added to level 0 (lists may exceed 2M; nothing else changes). */
    private FrozenGraph(FrozenGraph g, int[] from, int[] to, int count) {
        this.size = g.size;
        this.entryNode = g.entryNode;
        this.levelNodes = g.levelNodes;
        this.offsets = g.offsets.clone();
        this.neighbors = g.neighbors.clone();
        int[] extra = new int[size + 1];
        for (int i = 0; i < count; i++) {
            extra[from[i] + 1]++;
        }
        int[] old = g.offsets[0];
        int[] off = new int[size + 1];
        for (int p = 0; p < size; p++) {
            off[p + 1] = off[p] + (old[p + 1] - old[p]) + extra[p + 1];
        }
        int[] all = new int[off[size]];
        int[] fill = new int[size];
        for (int p = 0; p < size; p++) {
            int n = old[p + 1] - old[p];
            System.arraycopy(g.neighbors[0], old[p], all, off[p], n);
            fill[p] = off[p] + n;
        }
        for (int i = 0; i < count; i++) {
            all[fill[from[i]]++] = to[i];
        }
        offsets[0] = off;
        neighbors[0] = all;
    }

    /** This graph with b's level-0 edges added (each list without repeats); b must have as many nodes. */
    FrozenGraph withLevelZeroOf(FrozenGraph b) {
        int[] from = new int[b.neighbors[0].length];
        int[] to = new int[from.length];
        int count = 0;
        int[] off = offsets[0];
        for (int node = 0; node < size; node++) {
            for (int at = b.offsets[0][node]; at < b.offsets[0][node + 1]; at++) {
                int next = b.neighbors[0][at];
                boolean known = false;
                for (int i = off[node]; i < off[node + 1] && !known; i++) {
                    known = neighbors[0][i] == next;
                }
                if (!known) {
                    from[count] = node;
                    to[count++] = next;
                }
            }
        }
        return withLevelZeroEdges(from, to, count);
    }

    FrozenGraph withLevelZeroEdges(int[] from, int[] to, int count) {
        return count == 0 ? this : new FrozenGraph(this, from, to, count);
    }

    int size() {
        return size;
    }

    /**
     * Marks every node reachable from start by level-0 edges (start included) in reached; nodes already set stop the
     * walk. The stack grows with the walk: Reconnect calls this once per cut-off item, and most walks are short.
     */
    void markLevelZero(int start, BitSet reached) {
        if (reached.get(start)) {
            return;
        }
        int[] stack = new int[16];
        int top = 0;
        stack[top++] = start;
        reached.set(start);
        int[] off = offsets[0];
        int[] all = neighbors[0];
        while (top > 0) {
            int node = stack[--top];
            for (int at = off[node]; at < off[node + 1]; at++) {
                if (!reached.get(all[at])) {
                    reached.set(all[at]);
                    if (top == stack.length) {
                        stack = Arrays.copyOf(stack, 2 * top);
                    }
                    stack[top++] = all[at];
                }
            }
        }
    }

    int entryNode() {
        return entryNode;
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
        BitSet seen = new BitSet(size);
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
