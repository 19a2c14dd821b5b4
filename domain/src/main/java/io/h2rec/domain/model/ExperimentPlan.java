package io.h2rec.domain.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A sweep as data (deploy/experiments/*.yaml): named seed groups and entries, each a model on a
 * quantizer's default codebook (or none) with parameters, trained once per seed of its group.
 *
 * @param name  the prefix of the experiments it registers ("repro", "search")
 * @param seeds seed groups by name, e.g. main = [42, 43, 44], ablation = [42]
 */
public record ExperimentPlan(String name, Map<String, List<Long>> seeds, List<Entry> entries) {
    public ExperimentPlan {
        Objects.requireNonNull(name, "name");
        Map<String, List<Long>> s = new LinkedHashMap<>();
        seeds.forEach((k, v) -> {
            if (v.isEmpty() || new java.util.HashSet<>(v).size() != v.size()) {
                throw new IllegalArgumentException("seed group '" + k + "' must list distinct seeds, at least one, got " + v);
            }
            s.put(k, List.copyOf(v));
        });
        seeds = java.util.Collections.unmodifiableMap(s);
        entries = List.copyOf(entries);
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("the plan has no entries");
        }
        List<String> labels = new ArrayList<>();
        for (Entry e : entries) {
            if (!seeds.containsKey(e.seedGroup())) {
                throw new IllegalArgumentException("entry " + e.label() + ": no seed group '" + e.seedGroup()
                        + "'; groups: " + seeds.keySet());
            }
            // Labels name result rows and files, and --only matches them: equal but for case is the same label.
            if (labels.contains(e.label().toLowerCase(java.util.Locale.ROOT))) {
                throw new IllegalArgumentException("label '" + e.label() + "' used twice");
            }
            labels.add(e.label().toLowerCase(java.util.Locale.ROOT));
        }
    }

    /**
     * One line of the table.
     *
     * @param quantizer the quantizer of the default codebook the model trains on, or null for none
     * @param seedGroup the name of the seed group its runs use
     * @param params    what defines the entry (an ablation's switch, a search's single change): always applied
     * @param tuned     the values chosen on validation: applied unless a profile (e.g. the paper's) sets the run
     */
    public record Entry(String label, String model, String quantizer, String seedGroup, Map<String, String> params,
                        Map<String, String> tuned) {
        public Entry {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(seedGroup, "seedGroup");
            if (!label.matches("[A-Za-z0-9_.@-]{1,80}")) {
                throw new IllegalArgumentException("label '" + label + "': letters, digits and _ . @ - only, at most 80");
            }
            params = Map.copyOf(new TreeMap<>(params == null ? Map.of() : params));
            tuned = Map.copyOf(new TreeMap<>(tuned == null ? Map.of() : tuned));
        }

        public Entry(String label, String model, String quantizer, String seedGroup, Map<String, String> params) {
            this(label, model, quantizer, seedGroup, params, Map.of());
        }

        /** Whether a name picks this entry: its label, model@quantizer, or the model alone on RQ-KMeans. */
        public boolean matches(String name) {
            return name.equals(label) || name.equals(model + "@" + quantizer)
                    || name.equals(model) && (quantizer == null || quantizer.equals("rqkmeans"));
        }
    }

    public List<Long> seedsOf(Entry e) {
        return seeds.get(e.seedGroup());
    }

    /** Every seed of every group, sorted: finished runs of any of them are reported. */
    public List<Long> allSeeds() {
        return seeds.values().stream().flatMap(List::stream).distinct().sorted().toList();
    }

    /** The names among {@code names} that pick no entry. */
    public List<String> unknown(List<String> names) {
        return names.stream().filter(n -> entries.stream().noneMatch(e -> e.matches(n))).toList();
    }

    /** The same plan with some seed groups replaced (command-line overrides). */
    public ExperimentPlan withSeeds(Map<String, List<Long>> overrides) {
        Map<String, List<Long>> s = new LinkedHashMap<>(seeds);
        overrides.forEach((k, v) -> {
            if (!s.containsKey(k)) {
                throw new IllegalArgumentException("no seed group '" + k + "' in plan " + name + "; groups: " + s.keySet());
            }
            s.put(k, v);
        });
        return new ExperimentPlan(name, s, entries);
    }
}
