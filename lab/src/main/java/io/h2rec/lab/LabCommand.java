package io.h2rec.lab;

import io.h2rec.lab.experiments.LedgerBackfillCommand;
import io.h2rec.lab.experiments.LedgerCommand;
import io.h2rec.lab.experiments.LedgerImportCommand;
import io.h2rec.lab.experiments.ReproduceCommand;
import io.h2rec.lab.experiments.SearchCommand;
import io.h2rec.lab.experiments.SpeedCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The lab's commands: clients that measure or check the services from outside (bench, compare, retrieval,
 * retrieval-serving, explain, split), a diagnostic over run artifacts (sid-groups), and the experiments that train in this process over the registry (reproduce, search,
 * speed, ledger-export, ledger-import, ledger-backfill).
 */
@Command(name = "h2rec-lab", mixinStandardHelpOptions = true, subcommands = {ServingBench.class, CompareRankings.class,
        RetrievalBench.class, ServingRetrievalBench.class, ExplainCommand.class, SplitCheck.class, SidGroupsCommand.class, ReproduceCommand.class, SearchCommand.class,
        SpeedCommand.class, LedgerCommand.class, LedgerImportCommand.class, LedgerBackfillCommand.class},
        description = "Measure and check H2Rec services from outside; reproduce, search and time the models.")
public final class LabCommand implements Runnable {
    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
