package io.h2rec.wiring;

import io.h2rec.domain.port.out.Trainers;

import java.util.Map;
import java.util.TreeMap;

/**
 * A model name and its parameters checked as a run would resolve them, in plain Java: what the commands
 * (pipeline, reproduce, search, speed) refuse before anything starts.
 */
public final class ModelCheck {
    private static final Trainers TRAINERS = DomainWiring.trainers(1);

    private ModelCheck() {
    }

    /** @throws IllegalArgumentException for an unknown model, an unknown parameter or a value out of range */
    public static void check(String model, Map<String, String> params) {
        TRAINERS.forModel(model).resolveConfig(model, params);
    }

    /**
     * The parameters of a run's resolved {@code config} that differ from its model's defaults today, sorted
     * (the engine revision left out): what a report names as the run's setting, e.g. {hidden=128}.
     */
    public static Map<String, String> changes(String model, Map<String, String> config) {
        Map<String, String> defaults = TRAINERS.forModel(model).resolveConfig(model, Map.of());
        Map<String, String> changes = new TreeMap<>();
        config.forEach((k, v) -> {
            if (!k.equals("engine") && !v.equals(defaults.get(k))) {
                changes.put(k, v);
            }
        });
        return changes;
    }

    /** The parameters of a named profile (--profile). @throws IllegalArgumentException for an unknown name */
    public static Map<String, String> profile(String name) {
        return TRAINERS.profile(name);
    }
}
