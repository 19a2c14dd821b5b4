package io.h2rec.adapter.in.cli;

/**
 * A command whose options can be checked without the application: {@link CliFront#preflight} calls
 * {@link #check()} before the database and Quarkus start, so a user mistake costs no wait.
 */
public interface Checked {
    /**
     * @throws IllegalArgumentException (or picocli's ParameterException) with a message that says
     *                                  what is wrong and what to do
     */
    void check();
}
