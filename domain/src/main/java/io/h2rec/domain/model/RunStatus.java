package io.h2rec.domain.model;

/** QUEUED -> RUNNING -> SUCCEEDED / FAILED / CANCELLED. */
public enum RunStatus {
    QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED;

    public boolean isTerminal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }
}
