package io.h2rec.domain.port.out;

import java.util.List;

/**
 * Scores every item for a batch of user histories. The evaluator, the trainer's validation and
 * the serving path all rank through this port.
 */
public interface Scorer {
    /** N: scores are indexed 0..N, index 0 (padding) is ignored. */
    int numItems();

    /**
     * @param histories item indices (1..N), oldest first; never empty
     * @return one row of N+1 scores per history, higher is better
     */
    float[][] score(List<int[]> histories);
}
