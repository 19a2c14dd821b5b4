package io.h2rec.domain.model;

import java.util.Objects;

/**
 * How a process holds the runs it executes: its owner id, how often it renews its leases, and how
 * old a lease may get before any process marks the run INTERRUPTED.
 *
 * @param owner unique per process incarnation (a restarted process, same host and pid, is a new owner)
 */
public record LeasePolicy(String owner, long heartbeatSeconds, long leaseSeconds) {
    public LeasePolicy {
        Objects.requireNonNull(owner, "owner");
        if (heartbeatSeconds < 1 || leaseSeconds < 3 * heartbeatSeconds) {
            throw new IllegalArgumentException("lease (" + leaseSeconds + " s) must be at least three heartbeats ("
                    + heartbeatSeconds + " s)");
        }
    }

    /**
     * "name:pid:nonce": the nonce makes a restarted process a new owner even with the same name and
     * pid (a container's PID 1), so it never mistakes its predecessor's work for its own.
     */
    public static String ownerId(String name) {
        return name + ":" + ProcessHandle.current().pid() + ":" + java.util.UUID.randomUUID().toString().substring(0, 6);
    }

    /**
     * How long the owner keeps working without a successful renewal: one heartbeat less than the
     * lease, so it stops before anyone else may consider the run abandoned.
     */
    public long ownerGraceSeconds() {
        return leaseSeconds - heartbeatSeconds;
    }
}
