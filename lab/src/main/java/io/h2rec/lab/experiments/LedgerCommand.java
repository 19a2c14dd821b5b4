package io.h2rec.lab.experiments;

import io.h2rec.domain.service.RunLedgerService;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import picocli.CommandLine.Command;

import java.io.PrintStream;
import java.util.concurrent.Callable;

/** Writes every finished run of this registry to the run ledger (docs/results/runs), once per key. */
@Command(name = "ledger-export", mixinStandardHelpOptions = true,
        description = "Append every SUCCEEDED run of the registry to the run ledger (runs already there are kept as they are, "
                + "but for their codebook's codes digest when their line lacks it).")
@Dependent
@Unremovable
public class LedgerCommand implements Callable<Integer>, RegistryJob {
    @Inject
    RunLedgerService ledger;
    @ConfigProperty(name = "h2rec.training.ledger-dir")
    String dir;

    PrintStream out = System.out;

    @Override
    public Integer call() {
        RunLedgerService.Export export = ledger.exportAll();
        out.printf("%d runs added to the ledger in %s%n", export.added(), dir);
        if (export.completed() > 0) {
            out.printf("%d lines of this registry's runs given their codebook's codes digest%n", export.completed());
        }
        return 0;
    }
}
