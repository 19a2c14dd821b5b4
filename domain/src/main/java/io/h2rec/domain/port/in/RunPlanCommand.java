package io.h2rec.domain.port.in;

import io.h2rec.domain.model.ExperimentPlan;
import io.h2rec.domain.model.PreparationParams;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Run a sweep on a dataset.
 *
 * @param only   entry names to train (label, model@quantizer or model), null for all; unselected entries
 *               are still reported when finished
 * @param dryRun train, build, register and record nothing: say what is done and what is left
 * @param params hyper-parameters for every neural entry, over the entry's own
 * @param profile the named parameter set {@code params} holds (e.g. "paper"), null for none: with one, the
 *               entries' tuned values are left out, so the profile's setting is the one that runs
 */
public record RunPlanCommand(String dataset, PreparationParams preparation, ExperimentPlan plan, List<String> only,
                             boolean dryRun, Map<String, String> params, String profile) {
    public RunPlanCommand {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(preparation, "preparation");
        Objects.requireNonNull(plan, "plan");
        only = only == null ? null : List.copyOf(only);
        params = Map.copyOf(new TreeMap<>(params == null ? Map.of() : params));
        if (only != null && !plan.unknown(only).isEmpty()) {
            throw new IllegalArgumentException("no entry named " + plan.unknown(only) + "; entries: "
                    + plan.entries().stream().map(ExperimentPlan.Entry::label).toList()
                    + " (or model@quantizer, e.g. h2rec@pq)");
        }
    }

    public RunPlanCommand(String dataset, PreparationParams preparation, ExperimentPlan plan, List<String> only,
                          boolean dryRun, Map<String, String> params) {
        this(dataset, preparation, plan, only, dryRun, params, null);
    }

    public boolean selected(ExperimentPlan.Entry e) {
        return only == null || only.stream().anyMatch(e::matches);
    }

    /**
     * The parameters an entry trains with: its tuned values (left out under a profile), its own over them,
     * the command's over both; none for the popularity baseline, which takes none. A command checks these
     * before anything starts, the sweep trains with them: one rule for both.
     */
    public Map<String, String> paramsOf(ExperimentPlan.Entry e) {
        if (e.model().equals("popular")) {
            return Map.of();
        }
        Map<String, String> p = new TreeMap<>(profile == null ? e.tuned() : Map.of());
        p.putAll(e.params());
        p.putAll(params);
        return p;
    }
}
