package io.h2rec.adapter.in.metrics;

import io.h2rec.domain.model.RunStatus;

import java.util.function.ToIntFunction;

/**
 * Rows of one kind counted by state, which a service produces as a bean for {@link StateGauges} to
 * expose at /q/metrics as {@code NAME{state=...}}, one series per state.
 *
 * @param name        the meter's name ("h2rec.training.runs" is scraped as h2rec_training_runs)
 * @param description what is counted
 * @param count       how many rows are in a state now (a read through the service's port)
 */
public record StateGauge(String name, String description, ToIntFunction<RunStatus> count) {
}
