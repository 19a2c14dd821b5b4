package io.h2rec.training.adapter.in.cli;

import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.Dependent;
import picocli.CommandLine.Command;

/** training-service: the registry (serve), the main job (pipeline), resume and replay; the experiments (reproduce, search, speed, ledger-*) are the lab's. */
@Command(name = "training-service", mixinStandardHelpOptions = true,
        description = "H2Rec training: experiment registry (serve) and one-shot jobs.",
        subcommands = {ServeCommand.class, PipelineCommand.class, ResumeCommand.class, ReplayCommand.class})
@Dependent
@Unremovable
public class RootCommand implements Runnable {
    @Override
    public void run() {
        new ServeCommand().run();
    }
}
