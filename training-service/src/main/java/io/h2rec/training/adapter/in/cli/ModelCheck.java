package io.h2rec.training.adapter.in.cli;

import io.h2rec.domain.port.out.Trainers;
import io.h2rec.training.config.DomainWiring;

import java.util.Map;

/** A model name and its parameters checked as a run would resolve them, in plain Java (before anything starts). */
final class ModelCheck {
    private static final Trainers TRAINERS = DomainWiring.trainers(1);

    private ModelCheck() {
    }

    /** @throws IllegalArgumentException for an unknown model, an unknown parameter or a value out of range */
    static void check(String model, Map<String, String> params) {
        TRAINERS.forModel(model).resolveConfig(model, params);
    }

    /** The parameters of a named profile (--profile). @throws IllegalArgumentException for an unknown name */
    static Map<String, String> profile(String name) {
        return TRAINERS.profile(name);
    }

    /** The line that says where training runs, once per command, before its first training. */
    static String deviceLine(String device) {
        return "training on " + device + (device.contains("GPU") ? "" : "; no GPU found");
    }
}
