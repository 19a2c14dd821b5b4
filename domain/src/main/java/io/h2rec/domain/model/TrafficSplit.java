package io.h2rec.domain.model;

import io.h2rec.domain.error.InvalidInputException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A deployment: how its traffic is divided among aliases. A route's share is its weight over the sum
 * of the weights; a route of weight 0 gets no traffic but answers requests that name its alias (a
 * variant loaded for tests). Routes are kept in alias order, so the same routes always route the
 * same way whatever order they were given in.
 *
 * @param updatedAt when the split was last written (null before it is stored)
 * @param updatedBy who wrote it
 */
public record TrafficSplit(String deployment, List<Route> routes, Instant updatedAt, String updatedBy) {
    /**
     * Most aliases one deployment routes to. Serving holds one loaded model per distinct version a
     * deployment references (docs/serving.md, "Memory"), so this bounds its memory.
     */
    public static final int MAX_ROUTES = 4;
    /** Largest weight of one route (weights are relative: 90/10 and 9/1 are the same split). */
    public static final int MAX_WEIGHT = 10_000;

    /** @param weight relative share of the deployment's traffic, 0..{@link #MAX_WEIGHT} */
    public record Route(String alias, int weight) {
    }

    public TrafficSplit {
        ModelAlias.checkName("deployment", deployment);
        if (routes == null || routes.isEmpty() || routes.size() > MAX_ROUTES) {
            throw new InvalidInputException("routes", "a deployment routes to 1.." + MAX_ROUTES + " aliases, got "
                    + (routes == null ? 0 : routes.size()));
        }
        Set<String> seen = new HashSet<>();
        long total = 0;
        for (Route r : routes) {
            ModelAlias.checkName("routes." + r.alias(), r.alias());
            if (!seen.add(r.alias())) {
                throw new InvalidInputException("routes." + r.alias(), "alias '" + r.alias() + "' appears twice");
            }
            if (r.weight() < 0 || r.weight() > MAX_WEIGHT) {
                throw new InvalidInputException("routes." + r.alias(), "weights must be in [0, " + MAX_WEIGHT
                        + "], got " + r.weight() + " for '" + r.alias() + "'");
            }
            total += r.weight();
        }
        if (total == 0) {
            throw new InvalidInputException("routes", "at least one weight must be positive");
        }
        List<Route> sorted = new ArrayList<>(routes);
        sorted.sort(Comparator.comparing(Route::alias));
        routes = List.copyOf(sorted);
    }

    /** A split to store: alias -> weight. */
    public static TrafficSplit of(String deployment, Map<String, Integer> weights) {
        if (weights == null) {
            throw new InvalidInputException("routes", "routes is required: {\"alias\": weight, ...}");
        }
        List<Route> routes = new ArrayList<>();
        weights.forEach((alias, weight) -> {
            if (weight == null) {
                throw new InvalidInputException("routes." + alias, "the weight of '" + alias + "' is missing");
            }
            routes.add(new Route(alias, weight));
        });
        return new TrafficSplit(deployment, routes, null, null);
    }

    public int totalWeight() {
        return routes.stream().mapToInt(Route::weight).sum();
    }

    /** "challenger=10, champion=90": how the change log and the logs show a split. */
    public String describe() {
        return String.join(", ", routes.stream().map(r -> r.alias() + "=" + r.weight()).toList());
    }
}
