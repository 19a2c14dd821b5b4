package io.h2rec.training.adapter.in.cli;

import io.quarkus.arc.Unremovable;
import io.quarkus.runtime.Quarkus;
import jakarta.enterprise.context.Dependent;
import picocli.CommandLine.Command;

/** Runs the service until it is stopped (the default). */
@Command(name = "serve", description = "Serve the experiment registry over HTTP until stopped (default).")
@Dependent
@Unremovable
public class ServeCommand implements Runnable {
    @Override
    public void run() {
        Quarkus.waitForExit();
    }
}
