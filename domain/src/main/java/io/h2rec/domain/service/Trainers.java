package io.h2rec.domain.service;

import io.h2rec.domain.port.out.Trainer;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

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
            throw new IllegalArgumentException("unknown model '" + model + "'; known: " + byModel.keySet());
        }
        return t;
    }

    public Set<String> models() {
        return byModel.keySet();
    }
}
