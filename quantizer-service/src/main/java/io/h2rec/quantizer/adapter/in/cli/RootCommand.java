package io.h2rec.quantizer.adapter.in.cli;

import io.quarkus.arc.Unremovable;
import io.quarkus.runtime.Quarkus;
import jakarta.enterprise.context.Dependent;
import picocli.CommandLine.Command;

/** quantizer-service: serves the API (default) or runs one quantization. */
@Command(name = "quantizer-service", mixinStandardHelpOptions = true,
        description = "H2Rec quantizer: item text -> semantic IDs.", subcommands = {QuantizeCommand.class})
@Dependent
@Unremovable
public class RootCommand implements Runnable {
    @Override
    public void run() {
        Quarkus.waitForExit();
    }
}
