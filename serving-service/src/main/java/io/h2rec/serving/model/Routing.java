package io.h2rec.serving.model;

import io.h2rec.domain.error.InvalidInputException;
import io.h2rec.domain.model.ServingModel;
import io.h2rec.domain.routing.TrafficRouter;
import io.h2rec.serving.metrics.ServingMetrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What serving answers with, immutable and swapped as a whole: the variants of the deployment it
 * follows (alias, weight, loaded model, meters) and the sticky router over their weights; without a
 * deployment, one variant ("active", or "pinned"). A request picks its variant once, at the door,
 * and is scored by that variant's model even if the routing changes while it waits.
 */
public final class Routing {
    /** One route of the deployment with its loaded model. */
    public record Variant(String alias, int weight, ServingModel model, ServingMetrics.Variant meters) {
    }

    private final String deployment;
    private final List<Variant> variants;
    private final TrafficRouter router;
    private final Variant primary;

    /** @param deployment null without a deployment (then exactly one variant) */
    Routing(String deployment, List<Variant> variants) {
        this.deployment = deployment;
        this.variants = List.copyOf(variants);
        int[] weights = variants.stream().mapToInt(Variant::weight).toArray();
        this.router = new TrafficRouter(deployment == null ? "" : deployment, weights);
        Variant largest = variants.get(0);
        for (Variant v : variants) {
            if (v.weight() > largest.weight()) {
                largest = v;
            }
        }
        this.primary = largest;
    }

    /**
     * The variant that answers: the one named by {@code alias} when it is not empty, else the user's
     * route of the split (at random by weight when the key is empty).
     *
     * @throws InvalidInputException for an alias this routing does not have
     */
    public Variant choose(String userKey, String alias) {
        if (!alias.isEmpty()) {
            for (Variant v : variants) {
                if (v.alias().equals(alias)) {
                    return v;
                }
            }
            throw new InvalidInputException("alias", "alias '" + alias + "' is not routed here; serving answers with "
                    + String.join(", ", variants.stream().map(Variant::alias).toList())
                    + (deployment == null ? " (no deployment)" : " (deployment '" + deployment + "')"));
        }
        if (variants.size() == 1) {
            return variants.get(0);
        }
        int i = userKey.isEmpty() ? router.route(ThreadLocalRandom.current().nextLong()) : router.route(userKey);
        return variants.get(i);
    }

    /** The deployment followed, or null (the active or pinned version alone). */
    public String deployment() {
        return deployment;
    }

    public List<Variant> variants() {
        return variants;
    }

    /** The variant with the largest weight (the first in alias order on a tie): what "the" served model means. */
    public Variant primary() {
        return primary;
    }

    /** The loaded models by version id (one per distinct version). */
    Map<Long, ServingModel> models() {
        Map<Long, ServingModel> out = new HashMap<>();
        variants.forEach(v -> out.put(v.model().version().id(), v.model()));
        return out;
    }

    /** Same deployment, aliases, weights and model objects: nothing to swap. */
    boolean sameAs(Routing other) {
        if (other == null || !java.util.Objects.equals(deployment, other.deployment)
                || variants.size() != other.variants.size()) {
            return false;
        }
        for (int i = 0; i < variants.size(); i++) {
            Variant a = variants.get(i);
            Variant b = other.variants.get(i);
            if (!a.alias().equals(b.alias()) || a.weight() != b.weight() || a.model() != b.model()) {
                return false;
            }
        }
        return true;
    }

    /** "version 5: hnsw ready; version 3: exact (index building: ...)": how each loaded version ranks. */
    public String describeRetrieval() {
        List<String> parts = new ArrayList<>();
        models().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> parts.add("version " + e.getKey() + ": " + e.getValue().retrieval().describe()));
        return String.join("; ", parts);
    }

    /** "deployment 'default': challenger=10 -> version 5, champion=90 -> version 3" */
    public String describe() {
        List<String> parts = new ArrayList<>();
        for (Variant v : variants) {
            parts.add(v.alias() + (deployment == null ? "" : "=" + v.weight()) + " -> version " + v.model().version().id());
        }
        return (deployment == null ? "" : "deployment '" + deployment + "': ") + String.join(", ", parts);
    }
}
