package io.h2rec.adapter.out.inference;

import io.h2rec.domain.model.SemanticId;
import io.h2rec.domain.port.out.RankingModel;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A sequence model in plain Java: scores = item matrix [N+1][D] x user vector, the matrix
 * precomputed at load (and laid out for the scan kernel). A batch encodes its histories and then
 * walks the item matrix once for all of them. Large batches (offline evaluation) spread over every
 * core; small ones (serving's micro-batches, each already on its own worker thread) stay on the
 * calling thread.
 */
abstract class SequenceModel implements RankingModel {
    /** Item blocks per parallel task. */
    private static final int BLOCK = 32;
    /** Batches at least this large are scored in parallel. */
    static final int PARALLEL_FROM = 64;

    protected final int maxLen;
    protected final int numItems;
    protected final int dim;
    protected final float[] items;   // flat [(N+1) * D]
    private final float[] blocked;   // the same, laid out by Kernels.block

    SequenceModel(int maxLen, int numItems, int dim, float[] items) {
        this.maxLen = maxLen;
        this.numItems = numItems;
        this.dim = dim;
        this.items = items;
        if (items.length != (numItems + 1) * dim) {
            throw new IllegalArgumentException("item matrix holds " + items.length + " values, expected "
                    + (numItems + 1) * dim);
        }
        this.blocked = Kernels.block(items, numItems + 1, dim);
    }

    /** The user vector of a non-empty history of at most T item indices. */
    abstract float[] userVector(int[] history);

    /** This model's row of item vectors for a new item, from its codes. */
    abstract float[] coldStartRow(int[] codes);

    /** A copy that also knows {@code codes.size()} new items (item matrix and input tables). */
    abstract SequenceModel extended(List<int[]> codes);

    @Override
    public int numItems() {
        return numItems;
    }

    @Override
    public int maxHistory() {
        return maxLen;
    }

    @Override
    public float[] scoreOne(int[] history) {
        float[][] out = new float[1][numItems + 1];
        Kernels.IMPL.scan(blocked, numItems + 1, dim, new float[][] {userVector(recent(history))}, 0, blocks(), out);
        return out[0];
    }

    @Override
    public float[][] score(List<int[]> histories) {
        int b = histories.size();
        if (b == 1) {
            return new float[][] {scoreOne(histories.get(0))};
        }
        float[][] users = new float[b][];
        float[][] out = new float[b][numItems + 1];
        int blocks = blocks();
        if (b < PARALLEL_FROM) {
            for (int i = 0; i < b; i++) {
                users[i] = userVector(recent(histories.get(i)));
            }
            Kernels.IMPL.scan(blocked, numItems + 1, dim, users, 0, blocks, out);
            return out;
        }
        IntStream.range(0, b).parallel().forEach(i -> users[i] = userVector(recent(histories.get(i))));
        IntStream.range(0, (blocks + BLOCK - 1) / BLOCK).parallel().forEach(task -> Kernels.IMPL.scan(blocked,
                numItems + 1, dim, users, task * BLOCK, Math.min(blocks, (task + 1) * BLOCK), out));
        return out;
    }

    private int blocks() {
        return (numItems + 1 + Kernels.LANES - 1) / Kernels.LANES;
    }

    @Override
    public RankingModel withColdStartItems(List<SemanticId> codes) {
        if (!supportsColdStart()) {
            throw new UnsupportedOperationException("this model has no semantic-ID branch: new items cannot be scored");
        }
        return extended(codes.stream().map(SemanticId::codes).toList());
    }

    /** The item matrix with rows for new items appended. */
    protected float[] appendRows(List<int[]> codes) {
        float[] out = Arrays.copyOf(items, items.length + codes.size() * dim);
        for (int c = 0; c < codes.size(); c++) {
            System.arraycopy(coldStartRow(codes.get(c)), 0, out, items.length + c * dim, dim);
        }
        return out;
    }

    int[] recent(int[] history) {
        if (history.length == 0) {
            throw new IllegalArgumentException("an empty history has no user vector");
        }
        for (int i : history) {
            if (i < 1 || i > numItems) {
                throw new IllegalArgumentException("item index " + i + " outside 1.." + numItems);
            }
        }
        return history.length <= maxLen ? history : Arrays.copyOfRange(history, history.length - maxLen, history.length);
    }

    /** sqrt(d) e + Pos[slot] for the real positions of a left-padded window of T slots. */
    static float[][] stream(float[][] embedded, float[] positions, int maxLen, int d) {
        int n = embedded.length;
        float[][] x = new float[n][d];
        float scale = (float) Math.sqrt(d);
        for (int p = 0; p < n; p++) {
            int slot = maxLen - n + p;
            for (int j = 0; j < d; j++) {
                x[p][j] = embedded[p][j] * scale + positions[slot * d + j];
            }
        }
        return x;
    }

    static float[][] rows(float[] table, int[] ids, int d) {
        float[][] out = new float[ids.length][];
        for (int p = 0; p < ids.length; p++) {
            out[p] = Arrays.copyOfRange(table, ids[p] * d, (ids[p] + 1) * d);
        }
        return out;
    }

    /** A table [(N+1) * d] with rows appended. */
    static float[] append(float[] table, List<float[]> rows, int d) {
        float[] out = Arrays.copyOf(table, table.length + rows.size() * d);
        for (int r = 0; r < rows.size(); r++) {
            System.arraycopy(rows.get(r), 0, out, table.length + r * d, d);
        }
        return out;
    }
}
