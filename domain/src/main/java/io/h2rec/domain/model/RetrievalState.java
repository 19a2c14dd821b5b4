package io.h2rec.domain.model;

import io.h2rec.domain.port.out.CandidateIndex;

import java.util.Objects;

/**
 * How a loaded model version ranks its whole catalogue (docs/serving.md, "Large catalogues"): every
 * item scored ("exact"), or an index's candidates scored exactly ("hnsw") once its index is ready.
 * Requests with an explicit candidate list are scored on that list either way.
 * Equality is identity: each load's BUILDING state is its own, so a finished build finds the models
 * it was started for and no other.
 */
public final class RetrievalState {
    public enum Status {
        /** No index by design: the catalogue is below the configured size, or the model cannot use one. */
        NONE,
        /** Being built off the request path; the exact path answers meanwhile. */
        BUILDING,
        /** Built and warmed: whole-catalogue rankings go through it. */
        READY,
        /** The build failed (detail says why): the exact path answers. */
        FAILED;

        /** "none", "building", "ready", "failed". */
        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final Status status;
    private final CandidateIndex index;
    private final String detail;

    private RetrievalState(Status status, CandidateIndex index, String detail) {
        this.status = Objects.requireNonNull(status, "status");
        this.index = index;
        this.detail = detail == null ? "" : detail;
        if ((status == Status.READY) != (index != null)) {
            throw new IllegalArgumentException("an index is present exactly when the state is READY");
        }
    }

    public Status status() {
        return status;
    }

    /** The index when READY, else null. */
    public CandidateIndex index() {
        return index;
    }

    /** Why (NONE, FAILED) or what (BUILDING, READY), for operators. */
    public String detail() {
        return detail;
    }

    public static RetrievalState none(String why) {
        return new RetrievalState(Status.NONE, null, why);
    }

    /** A build of its own: each load starts one, told apart from others by identity. */
    public static RetrievalState building(String what) {
        return new RetrievalState(Status.BUILDING, null, what);
    }

    public static RetrievalState ready(CandidateIndex index, String what) {
        return new RetrievalState(Status.READY, index, what);
    }

    public static RetrievalState failed(String why) {
        return new RetrievalState(Status.FAILED, null, why);
    }

    @Override
    public String toString() {
        return describe();
    }

    /** "exact", or the index's method ("hnsw") when it is ready. */
    public String path() {
        return index == null ? "exact" : index.method();
    }

    /** "hnsw ready", "exact (index building: ...)", "exact (index failed: ...)", "exact (...)". */
    public String describe() {
        return status == Status.READY ? path() + " ready" : "exact (" + (status == Status.NONE ? "" : "index "
                + status.key() + (detail.isEmpty() ? "" : ": ")) + detail + ")";
    }
}
