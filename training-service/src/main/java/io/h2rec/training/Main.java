package io.h2rec.training;

import io.h2rec.adapter.in.cli.CliFront;
import io.h2rec.adapter.out.persistence.DatabaseBootstrap;
import io.h2rec.training.adapter.in.cli.RootCommand;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;

import java.util.Map;

/**
 * {@code java -jar quarkus-run.jar [serve]} runs the registry service; other sub-commands
 * ({@code pipeline}, ...) run a job and exit. Help and argument mistakes are answered before
 * anything starts (CliFront); then the database is configured, then Quarkus starts.
 */
@QuarkusMain
public class Main implements QuarkusApplication {

    public static void main(String... args) {
        // A job must not take the service's HTTP port nor run the scheduler.
        CliFront.main(RootCommand.class, Main.class, Map.of("quarkus.http.host-enabled", "false", "h2rec.training.scheduler", "false"),
                DatabaseBootstrap::configure, args);
    }

    @Override
    public int run(String... args) {
        return CliFront.execute(RootCommand.class, args);
    }
}
