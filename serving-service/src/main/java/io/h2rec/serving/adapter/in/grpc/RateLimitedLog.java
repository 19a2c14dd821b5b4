package io.h2rec.serving.adapter.in.grpc;

import org.jboss.logging.Logger;

/**
 * One line at most every {@code every}: what a client can trigger at will (bad bytes, failures)
 * must not flood the log. Lines dropped in between are counted in the next one.
 */
final class RateLimitedLog {
    private final Logger log;
    private final long everyNanos;
    private long next = System.nanoTime();
    private long dropped;

    RateLimitedLog(Logger log, java.time.Duration every) {
        this.log = log;
        this.everyNanos = every.toNanos();
    }

    synchronized void warn(String line) {
        warn(line, null);
    }

    /** The line with {@code error}'s stack trace (when not null). */
    synchronized void warn(String line, Throwable error) {
        long now = System.nanoTime();
        if (now - next < 0) {
            dropped++;
            return;
        }
        log.warn(dropped == 0 ? line : line + " (and " + dropped + " more since the last such line)", error);
        dropped = 0;
        next = now + everyNanos;
    }
}
