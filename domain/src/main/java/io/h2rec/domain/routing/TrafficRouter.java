package io.h2rec.domain.routing;

import java.nio.charset.StandardCharsets;

/**
 * Picks a route of a weighted split for a user, the same one every time (sticky). The user key is
 * hashed with a salt (the deployment's name, so two deployments split their users independently)
 * to a bucket in [0, total weight); the routes own consecutive ranges of buckets in their order, as
 * wide as their weights. With two routes, raising one weight only moves users into that route: a
 * ramp from 10% to 20% keeps the first 10% where they were.
 * <p>
 * The hash is FNV-1a (64-bit) over the UTF-8 bytes of salt, a NUL and the key, finished with
 * MurmurHash3's 64-bit mixer: fixed here, so assignments survive restarts, replicas and releases.
 */
public final class TrafficRouter {
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private final byte[] salt;
    private final long[] upper;   // route i owns buckets [upper[i-1], upper[i])
    private final long total;

    /** @param weights non-negative, at least one positive */
    public TrafficRouter(String salt, int[] weights) {
        this.salt = salt.getBytes(StandardCharsets.UTF_8);
        this.upper = new long[weights.length];
        long sum = 0;
        for (int i = 0; i < weights.length; i++) {
            if (weights[i] < 0) {
                throw new IllegalArgumentException("negative weight " + weights[i]);
            }
            sum += weights[i];
            upper[i] = sum;
        }
        if (sum == 0) {
            throw new IllegalArgumentException("no positive weight");
        }
        this.total = sum;
    }

    /** The route of this user: always the same for the same key, salt and weights. */
    public int route(String userKey) {
        return routeBucket(Long.remainderUnsigned(hash(userKey), total));
    }

    /** A route by weight for a request without a user key, from uniformly random bits (not sticky). */
    public int route(long randomBits) {
        return routeBucket(Long.remainderUnsigned(mix(randomBits), total));
    }

    private int routeBucket(long bucket) {
        for (int i = 0; i < upper.length; i++) {
            if (bucket < upper[i]) {
                return i;
            }
        }
        throw new IllegalStateException("bucket " + bucket + " past " + total);
    }

    long hash(String userKey) {
        long h = fnv1a(FNV_OFFSET, salt) * FNV_PRIME;   // then the NUL between salt and key
        return mix(fnv1a(h, userKey.getBytes(StandardCharsets.UTF_8)));
    }

    /** FNV-1a (64-bit) continued from {@code h} over {@code bytes}. */
    static long fnv1a(long h, byte[] bytes) {
        for (byte b : bytes) {
            h = (h ^ (b & 0xff)) * FNV_PRIME;
        }
        return h;
    }

    static long fnv1a(byte[] bytes) {
        return fnv1a(FNV_OFFSET, bytes);
    }

    /** MurmurHash3's fmix64: every input bit reaches every output bit. */
    static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
