package io.h2rec.domain.model;

/** Counts before and after filtering, recorded with the dataset. */
public record FilterStats(int usersBefore, int itemsBefore, int interactionsBefore,
                          int usersAfter, int itemsAfter, int interactionsAfter, int iterations) {
}
