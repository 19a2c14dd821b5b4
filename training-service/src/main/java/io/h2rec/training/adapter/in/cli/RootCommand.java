package io.h2rec.training.adapter.in.cli;

import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.Dependent;
import picocli.CommandLine.Command;

/** training-service: the experiment registry and training jobs. */
@Command(name = "training-service", mixinStandardHelpOptions = true,
        description = "H2Rec training: experiment registry (serve) and one-shot jobs.",
        subcommands = {ServeCommand.class, PipelineCommand.class, ReproduceCommand.class,
                SpeedCommand.class, SearchCommand.class, LedgerCommand.class, LedgerBackfillCommand.class,
                ResumeCommand.class, ReplayCommand.class})
@Dependent
@Unremovable
public class RootCommand implements Runnable {
    @Override
    public void run() {
        new ServeCommand().run();
    }
}
