package io.h2rec.domain.port.out;

import io.h2rec.domain.error.InvalidInputException;
import io.h2rec.domain.port.out.Trainer;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** The trainers available in this process, by model name. */
public final class Trainers {
    private final Map<String, Trainer> byModel = new TreeMap<>();

    public Trainers(List<Trainer> trainers) {
        for (Trainer t : trainers) {
            for (String m : t.models()) {
                if (byModel.put(m, t) != null) {
                    throw new IllegalArgumentException("two trainers claim model '" + m + "'");
                }
            }
        }
    }

    public Trainer forModel(String model) {
        Trainer t = byModel.get(model);
        if (t == null) {
            throw new InvalidInputException("model", "unknown model '" + model + "'; known: " + byModel.keySet());
        }
        return t;
    }

    /**
     * The parameters of a named profile (every trainer's, merged), for the models that take parameters.
     *
     * @throws IllegalArgumentException for a name no trainer knows
     */
    public Map<String, String> profile(String name) {
        Map<String, String> merged = new TreeMap<>();
        boolean known = false;
        Set<String> names = new TreeSet<>();
        for (Trainer t : new java.util.LinkedHashSet<>(byModel.values())) {
            names.addAll(t.profiles().keySet());
            if (t.profiles().containsKey(name)) {
                known = true;
                merged.putAll(t.profiles().get(name));
            }
        }
        if (!known) {
            throw new InvalidInputException("profile", "unknown profile '" + name + "'; known: " + names);
        }
        return merged;
    }

    public Set<String> models() {
        return byModel.keySet();
    }
}
