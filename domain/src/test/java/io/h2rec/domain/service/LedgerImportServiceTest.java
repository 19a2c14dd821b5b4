package io.h2rec.domain.service;

import io.h2rec.domain.fakes.InMemoryCodebookStore;
import io.h2rec.domain.fakes.InMemoryExperimentStore;
import io.h2rec.domain.model.Codebook;
import io.h2rec.domain.model.CodebookStats;
import io.h2rec.domain.model.EvaluationProtocol;
import io.h2rec.domain.model.ItemTextTemplate;
import io.h2rec.domain.model.LedgerRun;
import io.h2rec.domain.model.PreparationParams;
import io.h2rec.domain.model.QuantizerConfig;
import io.h2rec.domain.model.Run;
import io.h2rec.domain.model.RunStatus;
import io.h2rec.domain.port.in.PrepareDatasetCommand;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A ledger written by one registry (RunPlanServiceTest's sweep: "hid" seeds 1 and 2, "sid" seed 1 on an RQ-KMeans
 * codebook) imported into another: each line once, as a SUCCEEDED run with the line's numbers and no weights.
 */
class LedgerImportServiceTest {
    static final PrepareDatasetCommand TOY = new PrepareDatasetCommand("/toy", PreparationParams.DEFAULT);

    final RunPlanServiceTest sweep = new RunPlanServiceTest();
    InMemoryExperimentStore store;
    InMemoryCodebookStore codebooks;
    RunLedgerService ledger;
    LedgerImportService imports;

    @BeforeEach
    void setUp() {
        sweep.setUp();
        sweep.run(null, false, new ArrayList<>());
        assertEquals(3, sweep.lines.size(), "the other machine's ledger");
        store = new InMemoryExperimentStore();
        codebooks = new InMemoryCodebookStore();
        ledger = new RunLedgerService(sweep.memory, store, codebooks, sweep.trainers, EvaluationProtocol.DEFAULT);
        imports = new LedgerImportService(sweep.datasets, ledger, store, codebooks, EvaluationProtocol.DEFAULT);
    }

    @Test
    void putsEachLineIntoAFreshRegistryOnceWithItsNumbers() {
        List<String> said = new ArrayList<>();
        LedgerImportService.Outcome first = imports.importLedger(TOY, said::add);
        assertEquals(new LedgerImportService.Outcome("toy", 3, 0, 0), first);
        assertEquals(3, said.size());

        Map<String, LedgerRun> byKey = sweep.lines.stream().collect(Collectors.toMap(LedgerRun::key, l -> l));
        List<Run> runs = store.findByStatus(RunStatus.SUCCEEDED);
        assertEquals(3, runs.size());
        for (Run run : runs) {
            LedgerRun line = byKey.get(run.importedFrom());
            assertNotNull(line, "each run names the line it came from");
            assertEquals(line.seed(), run.seed());
            assertEquals(line.metrics(), store.metrics(run.id()));
            assertEquals(line.startedAt(), run.startedAt());
            assertEquals(line.finishedAt(), run.finishedAt());
            assertEquals(line.host(), run.provenance().host());
            assertEquals(line.config(), run.provenance().config());
            assertEquals(line.bestValidationNdcg(), run.progress().bestValidationNdcg());
            assertEquals(line.model(), store.findExperiment(run.experimentId()).orElseThrow().spec().model());
            if (line.codebook() != null) {   // this registry has no codebook of those settings: the run says so
                assertNull(run.provenance().codebookId());
                assertTrue(run.progress().message().contains("not in this registry"), run.progress().message());
            }
        }
        assertEquals(2, store.listExperiments().size(), "one experiment per model and configuration, its runs the seeds");

        assertEquals(new LedgerImportService.Outcome("toy", 0, 3, 0), imports.importLedger(TOY, said::add),
                "importing again adds nothing");
        assertEquals(0, ledger.exportAll().added(), "imported runs are not exported back as new lines");
        assertEquals(3, sweep.lines.size());
        assertThrows(IllegalArgumentException.class, () -> ledger.line(runs.get(0)),
                "an imported run has no line of its own");
    }

    @Test
    void namesThisRegistrysCodebookWhenItIsMadeTheSameWay() {
        Codebook same = codebooks.commit(new Codebook(0, 1, "f".repeat(64), QuantizerConfig.defaults("rqkmeans"), "enc",
                ItemTextTemplate.DEFAULT.template(), 8, 1, new CodebookStats(new double[] {1}, 0, 1, 0, 0, 0, 0, "cpu"),
                null), null, Map.of());
        imports.importLedger(TOY, s -> { });
        Run sid = store.findByStatus(RunStatus.SUCCEEDED).stream()
                .filter(r -> r.provenance().model().equals("sid")).findFirst().orElseThrow();
        assertEquals(same.id(), sid.provenance().codebookId());
        assertEquals(same.id(), store.findExperiment(sid.experimentId()).orElseThrow().spec().codebookId());
    }

    @Test
    void skipsRunsTheRegistryTrainedAndLinesOfOtherData() {
        LedgerRun other = sweep.lines.get(0);
        sweep.lines.add(new LedgerRun("e".repeat(64), other.datasetName(), "0".repeat(64), other.codebook(), other.model(),
                other.config(), 9, other.protocol(), other.codeVersion(), other.device(), other.host(), 99,
                other.startedAt(), other.finishedAt(), other.epochs(), other.bestEpoch(), other.bestValidationNdcg(),
                other.secondsPerEpoch(), other.metrics(), other.curve()));
        LedgerImportService own = new LedgerImportService(sweep.datasets, sweep.ledger, sweep.store, sweep.codebookStore,
                EvaluationProtocol.DEFAULT);
        assertEquals(new LedgerImportService.Outcome("toy", 0, 3, 1), own.importLedger(TOY, s -> { }),
                "the registry that trained the runs holds them already; a line of other data stays in the ledger");
        assertEquals(3, sweep.store.findByStatus(RunStatus.SUCCEEDED).size());
    }
}
