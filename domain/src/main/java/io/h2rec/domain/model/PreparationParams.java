package io.h2rec.domain.model;

import io.h2rec.domain.error.InvalidInputException;

/**
 * How raw interactions become a split (evaluation.md): an iterative k-core on users and items,
 * then users shorter than {@code minUserInteractions} are dropped (leave-one-out needs 3), then
 * the {@code split} protocol (leave-one-out unless said otherwise; a record without one, e.g. an
 * older run's provenance, is leave-one-out).
 */
public record PreparationParams(int kCore, int minUserInteractions, SplitProtocol split) {
    public static final PreparationParams DEFAULT = new PreparationParams(5, 3);

    public PreparationParams {
        if (kCore < 1) {
            throw new InvalidInputException("kCore", "kCore must be >= 1, got " + kCore);
        }
        if (minUserInteractions < 3) {
            throw new IllegalArgumentException(
                    "minUserInteractions must be >= 3 for a leave-one-out split, got " + minUserInteractions);
        }
        split = split == null ? SplitProtocol.LEAVE_ONE_OUT : split;
    }

    /** Leave-one-out. */
    public PreparationParams(int kCore, int minUserInteractions) {
        this(kCore, minUserInteractions, SplitProtocol.LEAVE_ONE_OUT);
    }

    public PreparationParams withSplit(SplitProtocol protocol) {
        return new PreparationParams(kCore, minUserInteractions, protocol);
    }
}
