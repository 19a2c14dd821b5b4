package io.h2rec.lab;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Lab tools: clients that measure or check the services from outside, each in its own process
 * ({@code java -jar lab/target/h2rec-lab.jar <command>}; deploy/h2rec bench runs the serving one).
 */
@Command(name = "h2rec-lab", mixinStandardHelpOptions = true, subcommands = {ServingBench.class, CompareRankings.class},
        description = "Measure and check H2Rec services from outside, as their clients see them.")
public final class Lab implements Runnable {
    public static void main(String[] args) {
        System.exit(new CommandLine(new Lab()).execute(args));
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
