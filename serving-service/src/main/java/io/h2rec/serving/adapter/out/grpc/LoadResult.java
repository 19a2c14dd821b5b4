package io.h2rec.serving.adapter.out.grpc;

/**
 * One load scenario's outcome: the rate asked for ({@code targetRps} ≤ 0 means saturation), the rate
 * achieved, latency percentiles in milliseconds and the number of failed requests.
 */
public record LoadResult(int targetRps, double achievedRps, double p50Ms, double p99Ms, long errors) {
}
