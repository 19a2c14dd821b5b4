package io.h2rec.adapter.in.security;

import java.util.List;

/**
 * The four roles of the platform's APIs (docs/security.md). A token carries its roles in the
 * configured claim ({@code groups} by default); nothing is allowed unless a role allows it.
 */
public final class Roles {
    /** Reads everything: datasets, experiments, runs, metrics, models, codebooks, jobs. */
    public static final String VIEWER = "viewer";
    /** Registers datasets and experiments, starts and cancels runs. */
    public static final String EXPERIMENTER = "experimenter";
    /** Activates model versions, quantizes, adds and removes cold-start items, cancels jobs, reads the audit trail. */
    public static final String OPERATOR = "operator";
    /** Calls the ranking service (gRPC Rank, RankBatch, GetModel). */
    public static final String RANKER = "ranker";

    public static final List<String> ALL = List.of(VIEWER, EXPERIMENTER, OPERATOR, RANKER);

    private Roles() {
    }
}
