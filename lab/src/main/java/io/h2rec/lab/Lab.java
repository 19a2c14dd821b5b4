package io.h2rec.lab;

import io.h2rec.adapter.in.cli.CliFront;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Lab tools: clients that measure or check the services from outside, each in its own process
 * ({@code java -jar lab/target/h2rec-lab.jar <command>}; {@code deploy/h2rec bench} runs {@code bench}).
 * The services' command-line front (CliFront) answers help and mistakes in one line, before any work.
 */
@Command(name = "h2rec-lab", mixinStandardHelpOptions = true, subcommands = {ServingBench.class, CompareRankings.class, RetrievalBench.class,
        ServingRetrievalBench.class, ExplainCommand.class, SplitCheck.class},
        description = "Measure and check H2Rec services from outside, as their clients see them.")
public final class Lab implements Runnable {
    public static void main(String[] args) {
        CommandLine cli = CliFront.commandLine(Lab.class, CommandLine.defaultFactory());
        int answered = CliFront.preflight(cli, args);
        System.exit(answered != CliFront.PROCEED ? answered : cli.execute(args));
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
