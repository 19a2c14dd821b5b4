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
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A search trains its plan once, keeps each run's learning curve in the ledger and writes it out. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class SearchCommandTest {
    @Inject
    Instance<SearchCommand> commands;
    @Inject
    PrepareDatasetUseCase datasets;
    @Inject
    RunLedgerService ledger;

    private String search(String... args) {
        SearchCommand search = commands.get();
        return CommandRun.run(search, o -> search.out = o, 0, args);
    }

    @Test
    void eachRunsLearningCurveReachesTheLedgerAndTheCurvesFile(@TempDir Path dir) throws IOException {
        CommandRun.Prepared prepared = CommandRun.prepared(datasets, dir, 160, 60, 19);
        Path data = prepared.data();
        RegisteredDataset ds = prepared.ds();
        Path plan = Files.writeString(dir.resolve("plan.yaml"), """
                name: curves
                seeds: {s: [42]}
                entries:
                  - {label: tiny, model: sasrec, seeds: s, params: {epochs: 3, hidden: 16, max_len: 10, batch: 64}}
                """);
        Path curves = dir.resolve("curves.csv");
        // A row of another run (recovered elsewhere) is kept; the run's own rows are written.
        Files.writeString(curves, "label,model,seed,epoch,loss,valid_ndcg,source\nold,h2rec,42,1,9.5,0.0100,training log\n");
        String printed = search("--dataset", data.toString(), "--plan", plan.toString(), "--curves", curves.toString());
        assertTrue(printed.contains("wrote " + curves + " (3 epochs of 1 runs recorded)"), printed);
        assertTrue(Files.size(dir.resolve("curves-sasrec.png")) > 1000);
        assertTrue(Files.size(dir.resolve("curves-h2rec.png")) > 1000);

        LedgerRun line = ledger.all(ds.name()).stream()
                .filter(r -> r.model().equals("sasrec") && r.datasetFingerprint().equals(ds.fingerprint())).findFirst().orElseThrow();
        assertEquals(List.of(1, 2, 3), line.curve().stream().map(p -> p.epoch()).toList());
        assertTrue(line.curve().stream().allMatch(p -> Double.isFinite(p.validationNdcg()) && Double.isFinite(p.loss())));
        // The restored epoch's validation figure is the best point of the curve.
        assertEquals(line.bestValidationNdcg(), line.curve().get(line.bestEpoch() - 1).validationNdcg(), 1e-12);

        List<String> lines = Files.readAllLines(curves);
        assertEquals("label,model,seed,epoch,loss,valid_ndcg,source", lines.get(0));
        assertEquals(5, lines.size(), lines.toString());
        assertTrue(lines.get(1).startsWith("old,h2rec,42,1,9.5,0.0100,") && lines.get(1).contains("training log"), lines.get(1));
        assertTrue(lines.get(2).startsWith("tiny,sasrec,42,1,") && lines.get(2).endsWith(",registry"), lines.get(2));

        // Found in the ledger the second time: nothing trained, the same curve written.
        String again = search("--dataset", data.toString(), "--plan", plan.toString(), "--curves", curves.toString());
        assertTrue(again.contains("(3 epochs of 1 runs recorded)"), again);
        assertEquals(lines, Files.readAllLines(curves));
    }
}
