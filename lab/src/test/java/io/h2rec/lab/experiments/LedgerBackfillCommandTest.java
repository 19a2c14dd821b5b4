package io.h2rec.lab.experiments;

import io.h2rec.domain.model.LedgerRun;
import io.h2rec.domain.model.PreparationParams;
import io.h2rec.domain.model.RegisteredDataset;
import io.h2rec.domain.port.in.PrepareDatasetCommand;
import io.h2rec.domain.port.in.PrepareDatasetUseCase;
import io.h2rec.domain.service.RunLedgerService;
import io.h2rec.testing.EmbeddedPostgresResource;
import io.h2rec.testing.SyntheticData;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A committed report's runs become ledger lines, each cell read from the column its header names. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class LedgerBackfillCommandTest {
    @Inject
    Instance<LedgerBackfillCommand> commands;
    @Inject
    PrepareDatasetUseCase datasets;
    @Inject
    RunLedgerService ledger;

    @Test
    void aReportsRunTableFillsTheLineByColumnName(@TempDir Path dir) throws IOException {
        Path data = dir.resolve("data");
        SyntheticData.write(data, 170, 70, 6, 13);
        RegisteredDataset ds = datasets.prepare(new PrepareDatasetCommand(data.toString(), PreparationParams.DEFAULT))
                .registration();
        Path csv = dir.resolve("old.csv");
        Files.writeString(csv, """
                model,seed,protocol,group,metric,k,value
                popular,42,full,overall,HR,10,0.0110
                popular,42,sampled100,tail,NDCG,20,0.0054
                """);
        // The report's own layout: minutes sits before device, the codebook after it.
        Files.writeString(dir.resolve("old.md"), """
                # Old report

                ## Runs

                | model | seed | run | best epoch | epochs | s/epoch | minutes | device | codebook |
                |---|---:|---:|---:|---:|---:|---:|---|---:|
                | popular | 42 | 30 | 0 | 0 | 0.0 | 9.0 | CPU (2 threads) | - |

                Training and evaluation time of the runs above: 0.1 h.
                """);

        LedgerBackfillCommand backfill = commands.get();
        String printed = CommandRun.run(backfill, o -> backfill.out = o, 0, "--dataset", data.toString(), "--report",
                csv.toString(), "--plan", "../deploy/experiments/reproduce.yaml", "--source", "old.csv at abc1234");
        assertTrue(printed.contains("1 runs added"), printed);

        LedgerRun line = ledger.all(ds.name()).stream().filter(r -> r.model().equals("popular") && r.seed() == 42
                        && r.datasetFingerprint().equals(ds.fingerprint()))
                .findFirst().orElseThrow();
        assertEquals("CPU (2 threads)", line.device());
        assertEquals(30, line.sourceRunId());
        assertEquals("backfill of old.csv at abc1234", line.codeVersion());
        assertNull(line.startedAt());
        assertEquals(2, line.metrics().size());
    }
}
