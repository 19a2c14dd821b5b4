package io.h2rec.lab.experiments;

import io.h2rec.domain.model.LedgerRun;
import io.h2rec.domain.model.RegisteredDataset;
import io.h2rec.domain.port.in.PrepareDatasetUseCase;
import io.h2rec.domain.service.RunLedgerService;
import io.h2rec.testing.EmbeddedPostgresResource;
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
import static org.junit.jupiter.api.Assertions.assertThrows;
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
        CommandRun.Prepared prepared = CommandRun.prepared(datasets, dir, 170, 70, 13);
        Path data = prepared.data();
        RegisteredDataset ds = prepared.ds();
        Path csv = dir.resolve("old.csv");
        Files.writeString(csv, """
                model,seed,protocol,group,metric,k,value
                popular,42,full,overall,HR,10,0.0110
                popular,42,sampled100,tail,NDCG,20,0.0054
                """);
        // The report's own layout: minutes sits before device, the codebook after it.
        Files.writeString(dir.resolve("old.md"), "# " + ds.name() + ": reproduction\n" + """

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

    /** Found from outside: each of these was added to the ledger without a word. Now refused, nothing added. */
    @Test
    void aReportOfAnotherDatasetOrWithBadRowsIsRefusedNothingAdded(@TempDir Path dir) throws IOException {
        CommandRun.Prepared prepared = CommandRun.prepared(datasets, dir, 170, 70, 14);
        Path data = prepared.data();
        RegisteredDataset ds = prepared.ds();
        String header = "model,seed,protocol,group,metric,k,value\n";
        String row = "popular,43,full,overall,HR,10,0.0110\n";
        String runs = "\n## Runs\n\n| model | seed | run | best epoch | epochs | s/epoch | device |\n|---|---|---|---|---|---|---|\n"
                + "| popular | 43 | 30 | 0 | 0 | 0.0 | CPU |\n";
        String title = "# " + ds.name() + ": reproduction\n";
        String[][] cases = {
                // what the check says, CSV, report title, --source
                {"is not a leave-one-out report of " + ds.name(), header + row, "# ml-100k: reproduction\n", "x"},
                {"is not a leave-one-out report", header + row, "# " + ds.name() + ": temporal split (temporal:0.8,0.9)\n", "x"},
                {"line 2: HR NaN is out of its range", header + row.replace("0.0110", "NaN"), title, "x"},
                {"line 2: HR -3.0 is out of its range", header + row.replace("0.0110", "-3"), title, "x"},
                {"line 2: support Infinity is out of its range", header + "popular,43,full,overall,support,0,1e400\n", title, "x"},
                {"line 3: repeats popular 43 full overall HR@10", header + row + row, title, "x"},
                {"line 2: seed and k must be whole numbers", header + row.replace(",43,", ",abc,"), title, "x"},
                {"has no rows", header, title, "x"},
                {"--source: say where the report came from", header + row, title, " "}};
        for (String[] c : cases) {
            Path csv = Files.writeString(dir.resolve("r.csv"), c[1]);
            Files.writeString(dir.resolve("r.md"), c[2] + runs);
            LedgerBackfillCommand backfill = commands.get();
            new picocli.CommandLine(backfill).parseArgs("--dataset", data.toString(), "--report", csv.toString(), "--plan",
                    "../deploy/experiments/reproduce.yaml", "--source", c[3]);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, backfill::call, c[0]);
            assertTrue(e.getMessage().contains(c[0]), e.getMessage());
        }
        assertTrue(ledger.all(ds.name()).stream().noneMatch(r -> r.datasetFingerprint().equals(ds.fingerprint())),
                "nothing was added");
    }
}
