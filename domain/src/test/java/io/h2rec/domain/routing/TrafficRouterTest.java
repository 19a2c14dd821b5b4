package io.h2rec.domain.routing;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The weighted, sticky split over synthetic users (issue 22: within ±2% of the weights over 100,000 users). */
class TrafficRouterTest {
    static final int USERS = 100_000;

    @Test
    void theHashIsFnv1aFinishedByMurmursMixer() {
        // Published FNV-1a 64-bit vectors.
        assertEquals(0xcbf29ce484222325L, TrafficRouter.fnv1a(new byte[0]));
        assertEquals(0xaf63dc4c8601ec8cL, TrafficRouter.fnv1a("a".getBytes(StandardCharsets.UTF_8)));
        assertEquals(0x85944171f73967e8L, TrafficRouter.fnv1a("foobar".getBytes(StandardCharsets.UTF_8)));
        assertEquals(0L, TrafficRouter.mix(0L));
        // Salt "", a NUL, key "a": the FNV-1a of the two bytes "\0a", mixed.
        assertEquals(TrafficRouter.mix(TrafficRouter.fnv1a("\0a".getBytes(StandardCharsets.UTF_8))),
                new TrafficRouter("", new int[] {1}).hash("a"));
    }

    @Test
    void sharesAreWithinTwoPercentOfTheWeightsOverAHundredThousandUsers() {
        int[][] splits = {{90, 10}, {50, 50}, {1, 1}, {70, 20, 10}, {25, 25, 25, 25}, {9_000, 1_000}, {3, 0, 1}};
        for (int[] weights : splits) {
            TrafficRouter router = new TrafficRouter("default", weights);
            int[] counts = new int[weights.length];
            for (int u = 0; u < USERS; u++) {
                counts[router.route("user-" + u)]++;
            }
            assertShares(weights, counts, "split " + java.util.Arrays.toString(weights));
        }
    }

    @Test
    void requestsWithoutAUserKeyAreSplitByWeightToo() {
        int[] weights = {80, 20};
        TrafficRouter router = new TrafficRouter("default", weights);
        SplittableRandom random = new SplittableRandom(7);
        int[] counts = new int[2];
        for (int i = 0; i < USERS; i++) {
            counts[router.route(random.nextLong())]++;
        }
        assertShares(weights, counts, "unkeyed");
    }

    @Test
    void aUserKeepsItsRouteAcrossCallsAndRouterInstances() {
        int[] weights = {50, 30, 20};
        TrafficRouter first = new TrafficRouter("default", weights);
        TrafficRouter again = new TrafficRouter("default", weights.clone());
        for (int u = 0; u < USERS; u++) {
            String key = "user-" + u;
            int route = first.route(key);
            assertEquals(route, first.route(key), key);
            assertEquals(route, again.route(key), key);
        }
    }

    /** Ramping a challenger up (10% -> 20%, alias order puts it first) keeps every earlier challenger there. */
    @Test
    void rampingARouteUpOnlyMovesUsersIntoIt() {
        TrafficRouter before = new TrafficRouter("default", new int[] {10, 90});
        TrafficRouter after = new TrafficRouter("default", new int[] {20, 80});
        int moved = 0;
        for (int u = 0; u < USERS; u++) {
            String key = "user-" + u;
            int was = before.route(key);
            int now = after.route(key);
            if (was == 0) {
                assertEquals(0, now, key + " left the ramped-up route");
            } else if (now == 0) {
                moved++;
            }
        }
        assertTrue(Math.abs(moved / (double) USERS - 0.10) < 0.002, "moved " + moved);
    }

    /** Two deployments (salts) assign users independently: a user's route in one says nothing of the other. */
    @Test
    void deploymentsSplitUsersIndependently() {
        TrafficRouter a = new TrafficRouter("homepage", new int[] {50, 50});
        TrafficRouter b = new TrafficRouter("email", new int[] {50, 50});
        int both = 0;
        for (int u = 0; u < USERS; u++) {
            if (a.route("user-" + u) == 0 && b.route("user-" + u) == 0) {
                both++;
            }
        }
        assertTrue(Math.abs(both / (double) USERS - 0.25) < 0.005, "in route 0 of both: " + both);
    }

    @Test
    void aRouteOfWeightZeroGetsNoUsersAndWeightsNeedOnePositive() {
        TrafficRouter router = new TrafficRouter("d", new int[] {0, 5, 0});
        for (int u = 0; u < 1_000; u++) {
            assertEquals(1, router.route("u" + u));
        }
        assertThrows(IllegalArgumentException.class, () -> new TrafficRouter("d", new int[] {0, 0}));
        assertThrows(IllegalArgumentException.class, () -> new TrafficRouter("d", new int[] {3, -1}));
    }

    /** Each share within 2% of its weight's share, relative (a 10% route: 9.8%..10.2%); weight 0: none. */
    private static void assertShares(int[] weights, int[] counts, String what) {
        double total = java.util.Arrays.stream(weights).sum();
        for (int i = 0; i < weights.length; i++) {
            double expected = weights[i] / total;
            double share = counts[i] / (double) USERS;
            assertTrue(Math.abs(share - expected) <= 0.02 * expected, what + ": route " + i + " got " + share
                    + " of the users, weight share " + expected);
        }
    }
}
