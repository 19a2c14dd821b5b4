package io.h2rec.adapter.out.tensorflow;

import io.h2rec.domain.error.InvalidInputException;
import io.h2rec.domain.model.ModelSpec;
import io.h2rec.domain.model.DatasetSplit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Training batches on the host: each user's training sequence s gives inputs s[0..n-1) and next
 * items s[1..n), the most recent T of them, left-padded; negatives are drawn uniformly from the
 * items outside the user's training sequence (bce) or shared by the batch (sampled softmax).
 * Each epoch shuffles the users, then sorts each run of {@link #CHUNK} batches by length and
 * shuffles the batches: a batch is padded only to its own longest sequence (most Beauty users
 * have fewer than 10 items, T is 50), which is where most of the training time would go.
 * Under a temporal split negatives come only from the catalogue as it was at t1 (items with a
 * training event): an item first seen later did not exist when the model trained, and drawing it
 * as a negative would tell the model that it exists and push it down (docs/datasets.md "Splits").
 */
final class TrainingBatches {
    /** Batches whose users are sorted together by length. */
    static final int CHUNK = 32;

    /** Row-major [size, length] arrays. */
    record Batch(int size, int length, int[] seq, int[] pos, int[] neg, int[] negatives) {
    }

    private final int numItems;
    private final int t;
    private final boolean fixedLength;
    private final int[][] train;   // per user, training items
    private final int[][] sorted;  // per user, sorted distinct training items (negative sampling)
    private final int[] trainable; // users with at least two training items
    private final int[] pool;      // items negatives are drawn from; null: every item 1..N

    /** @param fixedLength pad every batch to T (the unrolled GRU needs it) */
    TrainingBatches(DatasetSplit split, int maxLen, boolean fixedLength) {
        this.numItems = split.numItems();
        this.t = maxLen;
        this.fixedLength = fixedLength;
        this.train = new int[split.numUsers()][];
        this.sorted = new int[split.numUsers()][];
        List<Integer> usable = new ArrayList<>();
        for (int u = 0; u < split.numUsers(); u++) {
            train[u] = split.trainingSequence(u);
            sorted[u] = Arrays.stream(train[u]).distinct().sorted().toArray();
            if (train[u].length >= 2) {
                usable.add(u);
            }
        }
        this.trainable = usable.stream().mapToInt(Integer::intValue).toArray();
        this.pool = split.protocol().temporalSplit() ? seenInTraining(split) : null;
    }

    /** The items with at least one training event, ascending. */
    static int[] seenInTraining(DatasetSplit split) {
        int[] popularity = split.trainingPopularity();
        return java.util.stream.IntStream.rangeClosed(1, split.numItems()).filter(i -> popularity[i] > 0).toArray();
    }

    /** A uniform draw from the negatives' pool (the same draws as before pools existed when it is 1..N). */
    private int draw(SplittableRandom rnd) {
        return pool == null ? 1 + rnd.nextInt(numItems) : pool[rnd.nextInt(pool.length)];
    }

    int users() {
        return trainable.length;
    }

    /** Real (next-item) positions in an average batch: the loss's normaliser. */
    float positionsPerBatch(int batchSize) {
        long positions = 0;
        for (int u : trainable) {
            positions += inputLength(u);
        }
        int batches = (trainable.length + batchSize - 1) / batchSize;
        return (float) positions / Math.max(1, batches);
    }

    /**
     * The trainable users in a seeded random order, grouped into batches of similar length: the
     * users are shuffled, each run of CHUNK batches is sorted by length, and the batches are
     * shuffled again.
     */
    int[] epochOrder(SplittableRandom rnd, int batchSize) {
        int[] order = trainable.clone();
        shuffle(order, rnd);
        int chunk = CHUNK * batchSize;
        for (int from = 0; from < order.length; from += chunk) {
            int to = Math.min(order.length, from + chunk);
            Integer[] part = new Integer[to - from];
            for (int i = from; i < to; i++) {
                part[i - from] = order[i];
            }
            Arrays.sort(part, (a, b) -> Integer.compare(inputLength(a), inputLength(b)));
            for (int i = from; i < to; i++) {
                order[i] = part[i - from];
            }
        }
        int batches = (order.length + batchSize - 1) / batchSize;
        int[] batchOrder = new int[batches];
        for (int b = 0; b < batches; b++) {
            batchOrder[b] = b;
        }
        shuffle(batchOrder, rnd);
        int[] out = new int[order.length];
        int n = 0;
        for (int b : batchOrder) {
            for (int i = b * batchSize; i < Math.min(order.length, (b + 1) * batchSize); i++) {
                out[n++] = order[i];
            }
        }
        return out;
    }

    private int inputLength(int user) {
        return Math.min(t, train[user].length - 1);
    }

    private static void shuffle(int[] a, SplittableRandom rnd) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int tmp = a[i];
            a[i] = a[j];
            a[j] = tmp;
        }
    }

    Batch batch(int[] order, int from, int to, SplittableRandom rnd, ModelSpec c) {
        int b = to - from;
        int len = 1;
        for (int r = 0; r < b; r++) {
            len = Math.max(len, inputLength(order[from + r]));
        }
        if (fixedLength) {
            len = t;
        }
        int[] seq = new int[b * len];
        int[] pos = new int[b * len];
        int[] neg = new int[b * len];
        for (int r = 0; r < b; r++) {
            int u = order[from + r];
            int[] s = train[u];
            int n = inputLength(u);                      // positions used
            int base = r * len + (len - n);              // left padding
            for (int k = 0; k < n; k++) {
                int idx = s.length - 1 - n + k;
                seq[base + k] = s[idx];
                pos[base + k] = s[idx + 1];
                if (c.loss() == ModelSpec.Loss.BCE) {
                    neg[base + k] = sampleOutside(u, sorted[u], rnd);
                }
            }
        }
        int[] negatives = new int[0];
        if (c.loss() == ModelSpec.Loss.SAMPLED_SOFTMAX || c.loss() == ModelSpec.Loss.GBCE) {
            // sampled softmax: S shared by the batch; gBCE: S per sequence, [B, S] row-major
            negatives = new int[c.loss() == ModelSpec.Loss.GBCE ? b * c.sampledNegatives() : c.sampledNegatives()];
            for (int i = 0; i < negatives.length; i++) {
                negatives[i] = draw(rnd);
            }
        }
        return new Batch(b, len, seq, pos, neg, negatives);
    }

    private int sampleOutside(int user, int[] seen, SplittableRandom rnd) {
        // seen holds distinct items of the draw pool (under a temporal split every training item is in it): a
        // user who has them all has no negative, and drawing would never end.
        int poolSize = pool == null ? numItems : pool.length;
        if (seen.length >= poolSize) {
            throw new InvalidInputException("loss", "user " + user + " has interacted with every one of the " + poolSize
                    + " items negatives are drawn from, so bce has no negative for them: use loss=ce, or a larger "
                    + "catalogue or k-core");
        }
        while (true) {
            int candidate = draw(rnd);
            if (Arrays.binarySearch(seen, candidate) < 0) {
                return candidate;
            }
        }
    }

    /** The most recent T items of a history, left-padded with 0, into row {@code r} of {@code out}. */
    static void leftPad(int[] history, int t, int[] out, int r) {
        int n = Math.min(t, history.length);
        System.arraycopy(history, history.length - n, out, r * t + (t - n), n);
    }
}
