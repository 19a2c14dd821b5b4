package io.h2rec.lab;

import io.h2rec.adapter.in.cli.CliFront;
import io.h2rec.adapter.out.persistence.DatabaseBootstrap;
import io.h2rec.lab.experiments.RegistryJob;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import picocli.CommandLine;

import java.util.Map;

/**
 * The lab's command line ({@code java -jar lab/target/quarkus-app/quarkus-run.jar <command>}; {@code deploy/h2rec
 * bench|explain|split|sid-groups|reproduce|search|speed|ledger-export|ledger-import|ledger-backfill} run it). Help and mistakes are answered
 * before anything starts (CliFront). A client (bench, explain, ...) then runs at once, plainly: no database, no
 * Quarkus. A {@link RegistryJob} needs the registry: the database is configured, then Quarkus starts and runs it
 * as a bean over the training wiring (io.h2rec.wiring), as training-service runs its jobs.
 */
@QuarkusMain
public class Lab implements QuarkusApplication {

    public static void main(String... args) {
        CommandLine cli = CliFront.commandLine(LabCommand.class, CommandLine.defaultFactory());
        int answered = CliFront.preflight(cli, args);
        if (answered != CliFront.PROCEED) {
            System.exit(answered);
        }
        if (!RegistryJob.named(cli, args)) {
            System.exit(cli.execute(args));
        }
        CliFront.start(Lab.class, Map.of(), DatabaseBootstrap::configure, args);
    }

    @Override
    public int run(String... args) {
        return CliFront.execute(LabCommand.class, args);
    }
}
