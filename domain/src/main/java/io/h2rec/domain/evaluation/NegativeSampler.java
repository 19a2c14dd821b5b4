package io.h2rec.domain.evaluation;

import java.util.BitSet;
import java.util.SplittableRandom;

/**
 * Uniform negatives without replacement from the items a user never interacted with, seeded per
 * (protocol seed, user, purpose) so that every model is ranked against the same negatives.
 */
public final class NegativeSampler {
    private final int numItems;
    private final long seed;

    public NegativeSampler(int numItems, long seed) {
        if (numItems < 1) {
            throw new IllegalArgumentException("numItems must be >= 1");
        }
        this.numItems = numItems;
        this.seed = seed;
    }

    /**
     * @param user    the user's index, part of the seed
     * @param stream  a purpose tag (e.g. 0 validation, 1 test), part of the seed
     * @param history every item of the user (excluded), as a bit set over 1..N
     * @param count   how many negatives
     * @return {@code count} distinct item indices in 1..N, none in {@code history}
     */
    public int[] sample(int user, int stream, BitSet history, int count) {
        int available = numItems - history.cardinality() + (history.get(0) ? 1 : 0);
        if (count > available) {
            throw new IllegalArgumentException("user " + user + ": asked for " + count + " negatives but only "
                    + available + " items are outside the history");
        }
        SplittableRandom rnd = new SplittableRandom(mix(seed, user, stream));
        BitSet taken = new BitSet(numItems + 1);
        int[] out = new int[count];
        int filled = 0;
        while (filled < count) {
            int candidate = 1 + rnd.nextInt(numItems);
            if (!history.get(candidate) && !taken.get(candidate)) {
                taken.set(candidate);
                out[filled++] = candidate;
            }
        }
        return out;
    }

    static long mix(long seed, int user, int stream) {
        long z = seed * 0x9E3779B97F4A7C15L + user * 0xBF58476D1CE4E5B9L + stream * 0x94D049BB133111EBL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
