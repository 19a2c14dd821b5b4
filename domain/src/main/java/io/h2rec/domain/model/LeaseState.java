package io.h2rec.domain.model;

/** What the owner of a run or job learns when it renews its lease. */
public enum LeaseState {
    /** Still its work. */
    HELD,
    /** Still its work, and a client asked to cancel it. */
    CANCEL_REQUESTED,
    /** No longer its work (another process marked it, or it ended): stop without writing results. */
    LOST
}
