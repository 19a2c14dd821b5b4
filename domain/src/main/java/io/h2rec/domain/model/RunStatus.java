package io.h2rec.domain.model;

/**
 * QUEUED -> RUNNING -> SUCCEEDED / FAILED / CANCELLED, or INTERRUPTED when the process executing
 * it stopped (shutdown, crash, lost database: its lease expired). INTERRUPTED and FAILED runs can
 * be resumed (back to QUEUED, from their last checkpoint); QUEUED, RUNNING and INTERRUPTED ones
 * can be cancelled.
 */
public enum RunStatus {
    QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED, INTERRUPTED;

    public boolean isTerminal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }

    /** Whether a resume may continue it from its last checkpoint. */
    public boolean isResumable() {
        return this == INTERRUPTED || this == FAILED;
    }
}
