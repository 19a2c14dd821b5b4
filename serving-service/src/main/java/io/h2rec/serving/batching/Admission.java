package io.h2rec.serving.batching;

import java.time.Duration;

/**
 * Admission control of the ranking queue: the cost of a ranking is measured while serving (wall
 * time per request of each scored batch, smoothed), which gives the capacity of the workers; the
 * queue may hold {@code queue-time} of work at that capacity, and a request whose predicted answer
 * comes after its deadline is refused at the door instead of waiting for it to pass. Pure logic,
 * thread-safe; the batcher reports each batch and asks before each enqueue.
 */
final class Admission {
    /** Weight of the newest batch in the smoothed cost. */
    private static final double SMOOTHING = 0.2;

    /** Why a request was refused: the metric tag, and the reason a client reads. */
    enum Reason {
        QUEUE_FULL("queue_full"), DEADLINE("deadline");

        final String tag;

        Reason(String tag) {
            this.tag = tag;
        }
    }

    /** A refusal: why, what the client is told, and how long it should wait before retrying. */
    record Refusal(Reason reason, String message, long retryAfterMillis) {
    }

    private final int workers;
    private final double queueSeconds;
    private final int minQueue;
    private final int maxQueue;
    private volatile double costNanos;

    /**
     * @param minQueue the limit never falls below this (one full micro-batch per worker), so a slow
     *                 first measurement cannot shut the door
     */
    Admission(int workers, Duration queueTime, int minQueue, int maxQueue, Duration initialCost) {
        this.workers = workers;
        this.queueSeconds = queueTime.toNanos() / 1e9;
        this.minQueue = Math.min(minQueue, maxQueue);
        this.maxQueue = maxQueue;
        this.costNanos = Math.max(1, initialCost.toNanos());
    }

    /** A worker scored {@code n} requests in {@code wallNanos}. */
    synchronized void measured(int n, long wallNanos) {
        if (n > 0) {
            costNanos = (1 - SMOOTHING) * costNanos + SMOOTHING * Math.max(1.0, wallNanos / (double) n);
        }
    }

    /** Wall time of one ranking now, in nanoseconds (smoothed over recent batches). */
    double costNanos() {
        return costNanos;
    }

    /** Rankings per second the workers answer at the measured cost. */
    double capacity() {
        return workers * 1e9 / costNanos;
    }

    /** How many requests the queue may hold now: capacity x queue-time, within [minQueue, maxQueue]. */
    int queueLimit() {
        return (int) Math.max(minQueue, Math.min(maxQueue, Math.round(capacity() * queueSeconds)));
    }

    /**
     * @param queued         requests waiting now
     * @param incoming       requests asking to join (a RankBatch joins whole or not at all)
     * @param remainingNanos time left before the earliest deadline of the incoming requests
     * @return null to admit them, or why not
     */
    Refusal check(int queued, int incoming, long remainingNanos) {
        if (queued == 0) {
            // An empty queue always takes work: that is how the cost gets measured at all, and a
            // request that cannot make its deadline is dropped unscored when a worker takes it.
            return null;
        }
        int limit = queueLimit();
        if (queued + incoming > limit) {
            return new Refusal(Reason.QUEUE_FULL, "serving is at capacity: " + queued + " requests queued (limit "
                    + limit + " at " + Math.round(capacity()) + " rankings/s)", drainMillis(queued));
        }
        // Behind the queue, spread over the workers, then its own scoring.
        long predicted = (long) ((queued + incoming) * costNanos / workers + costNanos);
        if (predicted > remainingNanos) {
            return new Refusal(Reason.DEADLINE, "serving cannot answer within the deadline: about " + millis(predicted)
                    + " ms needed, " + millis(Math.max(0, remainingNanos)) + " ms left", drainMillis(queued));
        }
        return null;
    }

    /** Time for the workers to empty a queue of {@code queued}: when a retry finds room. */
    long drainMillis(int queued) {
        return Math.max(1, (long) Math.ceil(queued * costNanos / workers / 1e6));
    }

    private static String millis(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.1f", nanos / 1e6);
    }
}
