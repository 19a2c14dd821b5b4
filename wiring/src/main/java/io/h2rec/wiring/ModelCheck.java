package io.h2rec.wiring;

import io.h2rec.domain.port.out.Trainers;

import java.util.Map;

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

    /** The parameters of a named profile (--profile). @throws IllegalArgumentException for an unknown name */
    public static Map<String, String> profile(String name) {
        return TRAINERS.profile(name);
    }
}
