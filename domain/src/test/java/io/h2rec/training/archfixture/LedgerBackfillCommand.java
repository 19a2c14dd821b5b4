package io.h2rec.training.archfixture;

/** Breaks rule 6 on purpose: a run-ledger command (the lab's) inside a server. */
public class LedgerBackfillCommand {
}
