package io.h2rec.lab.experiments;

import picocli.CommandLine;

/**
 * A lab command that trains or reads the registry in its own process (reproduce, search, speed, ledger-*):
 * it runs inside the lab's Quarkus application, over the database and the training wiring. The lab's other
 * commands are clients of running services and start neither.
 */
public interface RegistryJob {
    /** Whether the (already checked) command line names an experiment. */
    static boolean named(CommandLine cli, String... args) {
        var commands = cli.parseArgs(args).asCommandLineList();
        return commands.get(commands.size() - 1).getCommand() instanceof RegistryJob;
    }
}
