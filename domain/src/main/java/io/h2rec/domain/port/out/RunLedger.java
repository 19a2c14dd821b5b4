package io.h2rec.domain.port.out;

import io.h2rec.domain.model.LedgerRun;

import java.util.List;

/**
 * The run ledger: finished runs kept where they outlive any registry (a committed file), so reports
 * can be regenerated and sweeps resumed on another machine. Append-only; a key is written once.
 */
public interface RunLedger {
    /** Every run of the dataset, in the order they were appended. */
    List<LedgerRun> read(String datasetName);

    /** Appends the run unless a run with its key is already there; true when written. */
    boolean append(LedgerRun run);

    /**
     * Replaces the line of {@code run}'s key by {@code run}, which the caller has checked is the same run with a
     * field the line lacked (e.g. its codebook's codes digest); every other line stays as it is. False when no
     * line has the key.
     */
    boolean complete(LedgerRun run);
}
