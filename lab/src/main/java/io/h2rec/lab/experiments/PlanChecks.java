package io.h2rec.lab.experiments;

import io.h2rec.domain.baseline.PopularityTrainer;
import io.h2rec.domain.error.InvalidInputException;
import io.h2rec.domain.model.ExperimentPlan;
import io.h2rec.domain.port.in.RunPlanCommand;
import io.h2rec.wiring.ModelCheck;

import java.nio.file.Path;
import java.util.Map;

/**
 * A sweep's entries checked before the database or any training starts, by the rule the sweep trains
 * with ({@link RunPlanCommand#paramsOf}): values that pass one by one but not together (an entry's tuned
 * hidden size and its own head count) are refused here too, naming the entry.
 */
final class PlanChecks {
    private PlanChecks() {
    }

    static void entries(Path planFile, RunPlanCommand command) {
        Map<String, String> given = command.params();
        if (!given.isEmpty()) {   // --param / --profile on their own first: a mistake there is theirs, not an entry's
            command.plan().entries().stream().map(ExperimentPlan.Entry::model).distinct()
                    .filter(m -> !m.equals(PopularityTrainer.MODEL)).forEach(m -> ModelCheck.check(m, given));
        }
        for (ExperimentPlan.Entry e : command.plan().entries()) {
            String where = "plan " + planFile + ", entry '" + e.label() + "'";
            try {
                ModelCheck.check(e.model(), e.params());
                if (!e.tuned().isEmpty()) {
                    ModelCheck.check(e.model(), e.tuned());
                }
            } catch (IllegalArgumentException | InvalidInputException ex) {
                throw new IllegalArgumentException(where + ": " + ex.getMessage(), ex);
            }
            Map<String, String> together = command.paramsOf(e);
            try {
                ModelCheck.check(e.model(), together);
            } catch (IllegalArgumentException | InvalidInputException ex) {
                throw new IllegalArgumentException(where + ", its values together " + together
                        + (given.isEmpty() ? "" : " (--param/--profile included)") + ": " + ex.getMessage(), ex);
            }
        }
    }
}
