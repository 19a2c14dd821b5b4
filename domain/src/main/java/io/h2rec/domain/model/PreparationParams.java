package io.h2rec.domain.model;

/**
 * How raw interactions become a split (evaluation.md): an iterative k-core on users and items,
 * then users shorter than {@code minUserInteractions} are dropped (leave-one-out needs 3).
 */
public record PreparationParams(int kCore, int minUserInteractions) {
    public static final PreparationParams DEFAULT = new PreparationParams(5, 3);

    public PreparationParams {
        if (kCore < 1) {
            throw new IllegalArgumentException("kCore must be >= 1, got " + kCore);
        }
        if (minUserInteractions < 3) {
            throw new IllegalArgumentException(
                    "minUserInteractions must be >= 3 for a leave-one-out split, got " + minUserInteractions);
        }
    }
}
