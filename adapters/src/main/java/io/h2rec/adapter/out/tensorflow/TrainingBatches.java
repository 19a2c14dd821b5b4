package io.h2rec.adapter.out.tensorflow;

import io.h2rec.domain.model.DatasetSplit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Training batches on the host: each user's training sequence s gives inputs s[0..n-1) and next
 * items s[1..n), the most recent T of them, left-padded; negatives are drawn uniformly from the
 * items outside the user's training sequence (bce) or shared by the batch (sampled softmax).
 */
final class TrainingBatches {
    /** Row-major [size, T] arrays. */
    record Batch(int size, int[] seq, int[] pos, int[] neg, int[] negatives) {
    }

    private final int numItems;
    private final int t;
    private final int[][] train;   // per user, training items
    private final int[][] sorted;  // per user, sorted distinct training items (negative sampling)
    private final int[] trainable; // users with at least two training items

    TrainingBatches(DatasetSplit split, int maxLen) {
        this.numItems = split.numItems();
        this.t = maxLen;
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
    }

    int users() {
        return trainable.length;
    }

    /** The trainable users in a seeded random order. */
    int[] epochOrder(SplittableRandom rnd) {
        int[] order = trainable.clone();
        for (int i = order.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
        }
        return order;
    }

    Batch batch(int[] order, int from, int to, SplittableRandom rnd, ModelConfig c) {
        int b = to - from;
        int[] seq = new int[b * t];
        int[] pos = new int[b * t];
        int[] neg = new int[b * t];
        for (int r = 0; r < b; r++) {
            int u = order[from + r];
            int[] s = train[u];
            int n = Math.min(t, s.length - 1);          // positions used
            int base = r * t + (t - n);                  // left padding
            for (int k = 0; k < n; k++) {
                int idx = s.length - 1 - n + k;
                seq[base + k] = s[idx];
                pos[base + k] = s[idx + 1];
                if (c.loss().equals("bce")) {
                    neg[base + k] = sampleOutside(sorted[u], rnd);
                }
            }
        }
        int[] negatives = new int[0];
        if (!c.loss().equals("bce")) {
            negatives = new int[c.sampledNegatives()];
            for (int i = 0; i < negatives.length; i++) {
                negatives[i] = 1 + rnd.nextInt(numItems);
            }
        }
        return new Batch(b, seq, pos, neg, negatives);
    }

    private int sampleOutside(int[] seen, SplittableRandom rnd) {
        while (true) {
            int candidate = 1 + rnd.nextInt(numItems);
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
