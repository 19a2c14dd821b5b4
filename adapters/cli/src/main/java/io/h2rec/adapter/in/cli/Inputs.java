package io.h2rec.adapter.in.cli;

/**
 * Checks of option values several commands share, with messages that say what to do (a dataset's
 * checks: adapter.out.dataset.DatasetInputs).
 */
public final class Inputs {
    private Inputs() {
    }

    /** A number that must be at least {@code min}. */
    public static void atLeast(String option, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(option + " must be at least " + min + ", got " + value);
        }
    }
}
