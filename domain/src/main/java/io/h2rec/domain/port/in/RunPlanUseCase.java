package io.h2rec.domain.port.in;

import io.h2rec.domain.model.ExperimentPlan;
import io.h2rec.domain.model.LedgerRun;
import io.h2rec.domain.model.PlanListener;
import io.h2rec.domain.model.RegisteredDataset;

import java.util.List;

/**
 * A sweep: every (entry, seed) of a plan trained unless a finished run of it is in the run ledger or
 * the registry; every finished run recorded in the ledger. Resumes where it stopped, on any machine
 * that has the ledger.
 */
public interface RunPlanUseCase {
    Outcome run(RunPlanCommand command, PlanListener listener);

    /** A finished run of an entry. */
    record Result(ExperimentPlan.Entry entry, long seed, LedgerRun run) {
    }

    /** @param failures one line per run that ended otherwise than SUCCEEDED */
    record Outcome(RegisteredDataset dataset, List<Result> results, List<String> failures) {
        public Outcome {
            results = List.copyOf(results);
            failures = List.copyOf(failures);
        }
    }
}
