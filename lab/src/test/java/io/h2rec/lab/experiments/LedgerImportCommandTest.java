package io.h2rec.lab.experiments;

import io.h2rec.adapter.out.results.JsonlRunLedger;
import io.h2rec.domain.model.EpochPoint;
import io.h2rec.domain.model.EvalTarget;
import io.h2rec.domain.model.LedgerRun;
import io.h2rec.domain.model.MetricValue;
import io.h2rec.domain.model.Protocol;
import io.h2rec.domain.model.RegisteredDataset;
import io.h2rec.domain.model.Run;
import io.h2rec.domain.model.RunStatus;
import io.h2rec.domain.port.in.PrepareDatasetUseCase;
import io.h2rec.domain.port.out.ExperimentStore;
import io.h2rec.domain.service.RunLedgerService;
import io.h2rec.testing.EmbeddedPostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code ledger-import}: a committed ledger's run, trained on another machine, becomes a run of this registry once. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class LedgerImportCommandTest {
    @Inject
    Instance<LedgerImportCommand> commands;
    @Inject
    ExperimentStore store;
    @Inject
    PrepareDatasetUseCase datasets;
    @Inject
    RunLedgerService ledger;
    @ConfigProperty(name = "h2rec.training.ledger-dir")
    String ledgerDir;

    private String run(String... args) {
        LedgerImportCommand command = commands.get();
        return CommandRun.run(command, o -> command.out = o, 0, args);
    }

    @Test
    void aRunTrainedElsewhereIsImportedOnceWithItsMetricsAndCurve(@TempDir Path dir) {
        CommandRun.Prepared prepared = CommandRun.prepared(datasets, dir, 150, 60, 2026);
        RegisteredDataset ds = prepared.ds();
        Map<String, String> config = Map.of("hidden", "256");
        String key = ledger.key(ds.fingerprint(), ds.params().split(), null, "sasrec", config, 44);
        List<MetricValue> metrics = List.of(new MetricValue(EvalTarget.TEST, Protocol.FULL, "overall", "NDCG", 10, 0.0587),
                new MetricValue(EvalTarget.TEST, Protocol.SAMPLED100, "tail", "HR", 10, 0.3841));
        Instant start = Instant.parse("2026-11-30T19:33:00Z");
        new JsonlRunLedger(Path.of(ledgerDir)).append(new LedgerRun(key, ds.name(), ds.fingerprint(), null, "sasrec",
                config, 44, "protocol", "b8576ed", "CPU (2 threads)", "elsewhere", 321, start, start.plusSeconds(1380), 38, 18,
                0.0709, 28.8, metrics, List.of(new EpochPoint(1, 9.5, 0.01), new EpochPoint(2, 8.9, 0.02))));

        String printed = run("--dataset", prepared.data().toString());
        assertTrue(printed.contains("sasrec seed 44, run 321 on elsewhere (code b8576ed)"), printed);
        assertTrue(printed.lines().anyMatch(l -> l.startsWith("1 runs of " + ds.name() + " imported from the run ledger")),
                printed);
        Run imported = store.findByStatus(RunStatus.SUCCEEDED).stream().filter(r -> key.equals(r.importedFrom()))
                .findFirst().orElseThrow();
        assertEquals(44, imported.seed());
        assertEquals(start, imported.startedAt());
        assertTrue(store.metrics(imported.id()).containsAll(metrics));
        assertEquals(2, store.epochs(imported.id()).size());
        assertTrue(imported.progress().message().startsWith("imported from the run ledger: run 321 on elsewhere"),
                imported.progress().message());

        String again = run("--dataset", prepared.data().toString());
        assertTrue(again.lines().anyMatch(l -> l.startsWith("0 runs of " + ds.name() + " imported from the run ledger")
                && l.contains("; 1 already in this registry")), again);
    }
}
