package io.h2rec.lab.experiments;

import io.h2rec.adapter.in.cli.Checked;
import io.h2rec.adapter.out.dataset.DatasetInputs;
import io.h2rec.domain.model.PreparationParams;
import io.h2rec.domain.port.in.PrepareDatasetCommand;
import io.h2rec.domain.service.LedgerImportService;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.util.concurrent.Callable;

/** Puts a dataset's run-ledger lines into this registry as finished runs (no weights), once per key. */
@Command(name = "ledger-import", mixinStandardHelpOptions = true,
        description = "Add the run ledger's runs of a dataset to this registry as SUCCEEDED runs (metrics, learning curve, "
                + "provenance; no weights, so no model version), so its REST API lists and compares them beside its own; "
                + "lines of runs it trained or imported before are skipped.")
@Dependent
@Unremovable
public class LedgerImportCommand implements Callable<Integer>, Checked, RegistryJob {
    @Option(names = "--dataset", paramLabel = "PATH", description = "The dataset whose ledger is read, prepared as its runs "
            + "were (default: ${DEFAULT-VALUE}).", defaultValue = "${env:H2REC_DATASET:-../shared/data/amazon-beauty}")
    String dataset;
    @Option(names = "--split", paramLabel = "SPLIT", description = "leave-one-out (default), temporal or temporal:T1,T2: "
            + "the split of the runs to import (other splits' lines stay in the ledger).", defaultValue = "leave-one-out")
    String split;

    @Inject
    LedgerImportService imports;
    @ConfigProperty(name = "h2rec.training.ledger-dir")
    String dir;

    PrintStream out = System.out;

    @Override
    public void check() {
        DatasetInputs.dataset(dataset);
        DatasetInputs.split("--split", split, dataset);
    }

    @Override
    public Integer call() {
        check();
        PreparationParams preparation = PreparationParams.DEFAULT.withSplit(DatasetInputs.split("--split", split, dataset));
        LedgerImportService.Outcome o = imports.importLedger(new PrepareDatasetCommand(dataset, preparation),
                line -> out.println("  imported " + line));
        out.printf("%d runs of %s imported from the run ledger in %s; %d already in this registry%s%n", o.imported(),
                o.datasetName(), dir, o.present(), o.otherPreparation() == 0 ? ""
                        : "; " + o.otherPreparation() + " of another split or preparation left (--split)");
        return 0;
    }
}
