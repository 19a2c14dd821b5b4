package io.h2rec.serving.adapter.in.cli;

import io.quarkus.arc.Unremovable;
import io.quarkus.runtime.Quarkus;
import jakarta.enterprise.context.Dependent;
import picocli.CommandLine.Command;

/** serving-service: serves rankings. Its benchmark is a separate client process (the lab module, deploy/h2rec bench). */
@Command(name = "serving-service", mixinStandardHelpOptions = true,
        description = "H2Rec serving: gRPC ranking over the active model version.")
@Dependent
@Unremovable
public class RootCommand implements Runnable {
    @Override
    public void run() {
        Quarkus.waitForExit();
    }
}
