package io.h2rec.adapter.out.inference;

import io.h2rec.adapter.out.inference.Workspace.Buf;
import io.h2rec.domain.model.ScorePart;
import io.h2rec.domain.model.SemanticId;
import io.h2rec.domain.port.out.RankingModel;
import io.h2rec.domain.port.out.ScoreExplanation;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * A sequence model in plain Java: scores = item matrix [N+1][D] x user vectors, the matrix
 * precomputed at load (and laid out for the scan kernel). A batch stacks the real positions of
 * its histories, so every layer is one matrix product for all of them, and then walks the item
 * matrix once for all user vectors. Activations live in the calling thread's {@link Workspace}:
 * scoring into caller-owned rows allocates nothing. Large batches (offline evaluation) spread
 * over every core in chunks; small ones (serving's micro-batches, each already on its own worker
 * thread) stay on the calling thread.
 */
abstract class SequenceModel implements RankingModel {
    /** Item blocks per parallel task. */
    private static final int BLOCK = 32;
    /** Batches at least this large are scored in parallel. */
    static final int PARALLEL_FROM = 64;
    /** Histories per forward pass: bounds the workspace (CHUNK x T rows). */
    static final int CHUNK = 32;

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

    /** The user vectors of a batch, [bt.sequences][dim] into users. */
    abstract void userVectors(Workspace.Batch bt, Workspace ws, float[] users);

    /** This model's row of item vectors for a new item, from its codes. */
    abstract float[] coldStartRow(int[] codes);

    /** A copy that also knows {@code codes.size()} new items (item matrix and input tables). */
    abstract SequenceModel extended(List<int[]> codes);

    /** The parts an item's score is the sum of: the column ranges of the item matrix they read. */
    abstract List<ScorePart> parts();

    /** The item's score u . items[item] split into {@link #parts()}, in double precision. */
    abstract double[] split(float[] user, int item);

    /** The item's semantic ID (coarse first); empty for a model without one. */
    abstract int[] semanticId(int item);

    /** The gate's weight per SID level at the history's last position; empty for models without the gate. */
    float[] gateWeights(int[] history) {
        return new float[0];
    }

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
        score(List.of(history), out);
        return out[0];
    }

    @Override
    public float[][] score(List<int[]> histories) {
        float[][] out = new float[histories.size()][numItems + 1];
        score(histories, out);
        return out;
    }

    @Override
    public void score(List<int[]> histories, float[][] out) {
        int b = histories.size();
        int blocks = blocks();
        if (b < PARALLEL_FROM) {
            Workspace ws = Workspace.mine();
            for (int from = 0; from < b; from += CHUNK) {
                int to = Math.min(b, from + CHUNK);
                float[] users = users(histories, from, to, ws);
                float[][] rows = from == 0 && to == b ? out : Arrays.copyOfRange(out, from, to);
                Kernels.IMPL.scan(blocked, numItems + 1, dim, users, to - from, 0, blocks, rows);
            }
            return;
        }
        float[] users = new float[b * dim];
        IntStream.range(0, (b + CHUNK - 1) / CHUNK).parallel().forEach(c -> {
            int from = c * CHUNK;
            int to = Math.min(b, from + CHUNK);
            System.arraycopy(users(histories, from, to, Workspace.mine()), 0, users, from * dim, (to - from) * dim);
        });
        IntStream.range(0, (blocks + BLOCK - 1) / BLOCK).parallel().forEach(task -> Kernels.IMPL.scan(blocked,
                numItems + 1, dim, users, b, task * BLOCK, Math.min(blocks, (task + 1) * BLOCK), out));
    }

    /** The user vectors of histories [from, to), in the workspace's USERS buffer. */
    private float[] users(List<int[]> histories, int from, int to, Workspace ws) {
        Workspace.Batch bt = ws.batch.fill(histories, from, to, maxLen, numItems);
        float[] users = ws.get(Buf.USERS, (to - from) * dim);
        userVectors(bt, ws, users);
        return users;
    }

    private int blocks() {
        return (numItems + 1 + Kernels.LANES - 1) / Kernels.LANES;
    }

    @Override
    public boolean scoresByInnerProduct() {
        return true;
    }

    /** The user vectors, chunked as {@link #score(List, float[][])} chunks them. */
    @Override
    public float[][] queryVectors(List<int[]> histories) {
        int b = histories.size();
        float[][] out = new float[b][dim];
        Workspace ws = Workspace.mine();
        for (int from = 0; from < b; from += CHUNK) {
            int to = Math.min(b, from + CHUNK);
            float[] users = users(histories, from, to, ws);
            for (int u = from; u < to; u++) {
                System.arraycopy(users, (u - from) * dim, out[u], 0, dim);
            }
        }
        return out;
    }

    /**
     * The candidates' rows gathered into the scan's layout and scanned by the same kernel: each
     * item's score is accumulated in its own lane in the same order as in the full scan, so the values
     * are the full scan's, bit for bit.
     */
    @Override
    public void scoreItems(float[] query, int[] candidates, float[] out) {
        int n = candidates.length;
        int lanes = Kernels.LANES;
        int blocks = (n + lanes - 1) / lanes;
        float[] blockedRows = Workspace.mine().get(Buf.CANDIDATES, blocks * dim * lanes);
        for (int c = 0; c < n; c++) {
            int item = Objects.checkIndex(candidates[c], numItems + 1);
            int base = (c / lanes) * dim * lanes + c % lanes;
            for (int j = 0; j < dim; j++) {
                blockedRows[base + j * lanes] = items[item * dim + j];
            }
        }
        Kernels.IMPL.scan(blockedRows, n, dim, query, 1, 0, blocks, new float[][] {out});
    }

    /** The user vector of one non-empty history (its most recent maxLen items are read). */
    float[] userVector(int[] history) {
        Workspace ws = Workspace.mine();
        float[] u = new float[dim];
        userVectors(ws.batch.fill(List.of(history), 0, 1, maxLen, numItems), ws, u);
        return u;
    }

    /** The explain path: the history's user vector once more, then any item's parts on request. */
    @Override
    public Optional<ScoreExplanation> explain(int[] history) {
        return Optional.of(new Explained(this, userVector(history), gateWeights(history)));
    }

    private record Explained(SequenceModel model, float[] user, float[] gate) implements ScoreExplanation {
        @Override
        public List<ScorePart> parts() {
            return model.parts();
        }

        @Override
        public double[] split(int item) {
            return model.split(user, Objects.checkIndex(item, model.numItems + 1));
        }

        @Override
        public float[] gateWeights() {
            return gate.clone();
        }

        @Override
        public int[] semanticId(int item) {
            return model.semanticId(Objects.checkIndex(item, model.numItems + 1));
        }
    }

    /** a[ao .. ao+n) . b[bo .. bo+n), summed in double: explanations, not the ranking's kernels. */
    static double dot(float[] a, int ao, float[] b, int bo, int n) {
        double sum = 0;
        for (int j = 0; j < n; j++) {
            sum += (double) a[ao + j] * b[bo + j];
        }
        return sum;
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

    /** x[r] = table[id_r] + Pos[slot_r] for every row of the batch ([rows][d]; the table already scaled by sqrt(d)). */
    static void stream(Workspace.Batch bt, float[] table, float[] positions, float[] x, int d) {
        for (int r = 0; r < bt.rows; r++) {
            int at = r * d;
            System.arraycopy(positions, bt.slots[r] * d, x, at, d);
            Kernels.IMPL.axpy(1f, table, bt.ids[r] * d, x, at, d);
        }
    }

    /** sqrt(d) x, elementwise: a stream's embedding scale, applied once per table. */
    static float[] scaled(float[] x, int d) {
        float scale = (float) Math.sqrt(d);
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i] * scale;
        }
        return out;
    }
}
