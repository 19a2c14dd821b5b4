package io.h2rec.domain.reliability;

import io.h2rec.domain.model.LeasePolicy;
import io.h2rec.domain.model.LeaseState;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps the leases of the work this process executes (runs, quantization jobs): renews each every
 * heartbeat on a timer thread, retrying failed renewals with backoff; relays cancel requests; and
 * tells the work to stop when the lease is lost — taken by another process, or not renewed for
 * {@link LeasePolicy#ownerGraceSeconds()} (the database unreachable), which is before anyone else may
 * consider it abandoned. The work polls {@link Held#stopRequested()} between steps.
 */
public final class LeaseKeeper implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(LeaseKeeper.class.getName());
    private static final long FIRST_RETRY_MILLIS = 250;

    private final LeasePolicy policy;
    private final ScheduledExecutorService timer;
    private final Map<Long, Held> held = new ConcurrentHashMap<>();

    public LeaseKeeper(LeasePolicy policy, String name) {
        this.policy = policy;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name + "-leases");
            t.setDaemon(true);
            return t;
        });
    }

    public LeasePolicy policy() {
        return policy;
    }

    /** One held lease: what the work polls. */
    public final class Held {
        private final long id;
        private final Supplier<LeaseState> renewal;
        private volatile long renewedAt = System.nanoTime();
        private volatile int failures;
        private volatile boolean cancelRequested;
        private volatile String interruption;
        private volatile boolean released;

        private Held(long id, Supplier<LeaseState> renewal) {
            this.id = id;
            this.renewal = renewal;
        }

        /** A client asked to cancel (seen at a renewal, or set locally). */
        public boolean cancelRequested() {
            return cancelRequested;
        }

        public void requestCancel() {
            cancelRequested = true;
        }

        /** Why the work must stop and end INTERRUPTED, or null. */
        public String interruption() {
            if (interruption == null && System.nanoTime() - renewedAt > TimeUnit.SECONDS.toNanos(policy.ownerGraceSeconds())) {
                interruption = "interrupted: " + policy.owner() + " could not renew its lease for "
                        + policy.ownerGraceSeconds() + " s (" + failures + " failed attempts; database unreachable?)";
            }
            return interruption;
        }

        public void interrupt(String reason) {
            if (interruption == null) {
                interruption = reason;
            }
        }

        /** Whether the work should stop at its next step: cancelled or interrupted. */
        public boolean stopRequested() {
            return cancelRequested || interruption() != null;
        }

        /** Whether another process took the work over (its results must not be written). */
        public boolean lost() {
            return interruption != null && interruption.startsWith(LOST);
        }

        private void renew() {
            if (released) {
                return;
            }
            long started = System.nanoTime();
            long next = policy.heartbeatSeconds() * 1000;
            try {
                apply(renewal.get(), started);
                failures = 0;
            } catch (RuntimeException e) {
                failures++;
                next = Math.min(next, FIRST_RETRY_MILLIS << Math.min(failures - 1, 10));
                LOG.log(Level.WARNING, "lease of " + id + ": renewal " + failures + " failed, retrying in " + next
                        + " ms: " + e);
            }
            // Renewed until released, interrupted or not: work told to stop at a shutdown may still be finishing
            // (a final evaluation), and a lease left to expire meanwhile let another process take the run over
            // while this one still wrote its results.
            if (!released && !lost()) {
                timer.schedule(this::renew, next, TimeUnit.MILLISECONDS);
            }
        }

        /**
         * Renews now, on the caller's thread, and says whether this process still holds the work: the fence
         * before results that no owner check guards (a model's artifact and version). A failed renewal throws.
         */
        public boolean confirm() {
            apply(renewal.get(), System.nanoTime());
            return !lost();
        }

        private void apply(LeaseState state, long started) {
            switch (state) {
                case HELD -> renewedAt = started;
                case CANCEL_REQUESTED -> {
                    renewedAt = started;
                    cancelRequested = true;
                }
                case LOST -> interrupt(LOST + " " + id + " was taken from " + policy.owner()
                        + " (marked by another process after its lease expired, or ended)");
            }
        }
    }

    private static final String LOST = "lost its lease:";

    /** Starts renewing the lease just acquired on {@code id}. */
    public Held hold(long id, Supplier<LeaseState> renewal) {
        Held h = new Held(id, renewal);
        held.put(id, h);
        timer.schedule(h::renew, policy.heartbeatSeconds(), TimeUnit.SECONDS);
        return h;
    }

    public void release(Held h) {
        h.released = true;
        held.remove(h.id, h);
    }

    /** The lease this process holds on {@code id}, if any. */
    public Held find(long id) {
        return held.get(id);
    }

    /** Tells every held piece of work to stop and end INTERRUPTED with {@code reason}. */
    public void interruptAll(String reason) {
        held.values().forEach(h -> h.interrupt(reason));
    }

    /** Waits up to {@code millis} for every held lease to be released; returns the ids still held. */
    public List<Long> awaitReleased(long millis) {
        long end = System.currentTimeMillis() + millis;
        while (!held.isEmpty() && System.currentTimeMillis() < end) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return List.copyOf(held.keySet());
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
