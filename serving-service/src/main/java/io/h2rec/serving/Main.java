package io.h2rec.serving;

import io.h2rec.adapter.in.cli.CliFront;
import io.h2rec.adapter.out.persistence.DatabaseBootstrap;
import io.h2rec.serving.adapter.in.cli.RootCommand;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;

import java.util.Map;

/**
 * {@code java -jar quarkus-run.jar [serve]} serves rankings (its benchmark is a client in its own
 * process: the lab module). Help and argument mistakes are answered before anything starts
 * (CliFront); then the database is configured, then Quarkus starts.
 */
@QuarkusMain
public class Main implements QuarkusApplication {

    public static void main(String... args) {
        CliFront.main(RootCommand.class, Main.class, Map.of(),
                DatabaseBootstrap::configure, args);
    }

    @Override
    public int run(String... args) {
        return CliFront.execute(RootCommand.class, args);
    }
}
