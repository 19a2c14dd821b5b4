package io.h2rec.domain.model;

/** What a cancel request did to a run. */
public enum CancelOutcome {
    /** The run is CANCELLED now (it was QUEUED, INTERRUPTED, or RUNNING under an expired lease). */
    CANCELLED,
    /** The run is RUNNING under a live lease: its owner stops it within a heartbeat and marks it CANCELLED. */
    REQUESTED,
    /** It had already ended (SUCCEEDED, FAILED or CANCELLED): nothing changed. */
    FINISHED
}
