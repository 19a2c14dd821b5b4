package io.h2rec.domain.service;

import io.h2rec.domain.error.InvalidInputException;
import io.h2rec.domain.fakes.InMemoryCodebookStore;
import io.h2rec.domain.fakes.InMemoryExperimentStore;
import io.h2rec.domain.model.Codebook;
import io.h2rec.domain.model.CodebookStats;
import io.h2rec.domain.model.EvaluationProtocol;
import io.h2rec.domain.model.ItemId;
import io.h2rec.domain.model.ItemTextTemplate;
import io.h2rec.domain.model.LedgerRun;
import io.h2rec.domain.model.PreparationParams;
import io.h2rec.domain.model.QuantizerConfig;
import io.h2rec.domain.model.Run;
import io.h2rec.domain.model.RunStatus;
import io.h2rec.domain.model.SemanticId;
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
        assertTrue(store.listExperiments().stream().anyMatch(e -> e.spec().model().equals("hid")
                && e.spec().seeds().equals(List.of(1L, 2L))), store.listExperiments().toString());

        assertEquals(new LedgerImportService.Outcome("toy", 0, 3, 0), imports.importLedger(TOY, said::add),
                "importing again adds nothing");
        assertEquals(0, ledger.exportAll().added(), "imported runs are not exported back as new lines");
        assertEquals(3, sweep.lines.size());
        assertThrows(IllegalArgumentException.class, () -> ledger.line(runs.get(0)),
                "an imported run has no line of its own");
    }

    private Codebook codebook(Map<ItemId, SemanticId> codes) {
        return codebooks.commit(new Codebook(0, 1, "f".repeat(64), QuantizerConfig.defaults("rqkmeans"), "enc",
                ItemTextTemplate.DEFAULT.template(), 8, 1, new CodebookStats(new double[] {1}, 0, 1, 0, 0, 0, 0, "cpu"),
                null), null, codes);
    }

    private Run sidRun() {
        return store.findByStatus(RunStatus.SUCCEEDED).stream()
                .filter(r -> r.provenance().model().equals("sid")).findFirst().orElseThrow();
    }

    @Test
    void namesThisRegistrysCodebookOnlyWhenItsCodesAreTheLinesToo() {
        Codebook other = codebook(Map.of(ItemId.of("1"), new SemanticId(new int[] {3, 1})));   // same settings, other codes
        imports.importLedger(TOY, s -> { });
        assertNull(sidRun().provenance().codebookId(), "the same settings do not promise the same codes");

        store = new InMemoryExperimentStore();
        codebooks = new InMemoryCodebookStore();
        ledger = new RunLedgerService(sweep.memory, store, codebooks, sweep.trainers, EvaluationProtocol.DEFAULT);
        imports = new LedgerImportService(sweep.datasets, ledger, store, codebooks, EvaluationProtocol.DEFAULT);
        codebook(Map.of(ItemId.of("1"), new SemanticId(new int[] {3, 1})));
        Codebook same = codebook(Map.of());   // the sweep's codebook had no items: the same (empty) codes
        imports.importLedger(TOY, s -> { });
        assertEquals(same.id(), sidRun().provenance().codebookId());
        assertEquals(same.id(), store.findExperiment(sidRun().experimentId()).orElseThrow().spec().codebookId());
        assertTrue(other.id() > 0);
    }

    @Test
    void aLineARegistryCannotHoldStopsTheImportBeforeAnyRun() {
        LedgerRun first = sweep.lines.get(0);
        sweep.lines.set(0, copy(first, "k1", first.host(), first.datasetFingerprint()));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> imports.importLedger(TOY, s -> { }));
        assertTrue(e.getMessage().contains("has the key 'k1', not a SHA-256"), e.getMessage());
        assertEquals(List.of(), store.findByStatus(RunStatus.SUCCEEDED));
    }

    static LedgerRun copy(LedgerRun r, String key, String host, String fingerprint) {
        return new LedgerRun(key, r.datasetName(), fingerprint, r.codebook(), r.model(), r.config(), r.seed(), r.protocol(),
                r.codeVersion(), r.device(), host, r.sourceRunId(), r.startedAt(), r.finishedAt(), r.epochs(),
                r.bestEpoch(), r.bestValidationNdcg(), r.secondsPerEpoch(), r.metrics(), r.curve());
    }

    @Test
    void skipsRunsTheRegistryTrainedAndLinesOfOtherData() {
        LedgerRun first = sweep.lines.get(0);
        // Its key as an older build computed it (a default added since): still this registry's run, by host, id, start.
        sweep.lines.set(0, copy(first, "a".repeat(64), first.host(), first.datasetFingerprint()));
        sweep.lines.add(copy(first, "e".repeat(64), first.host(), "0".repeat(64)));
        LedgerImportService own = new LedgerImportService(sweep.datasets, sweep.ledger, sweep.store, sweep.codebookStore,
                EvaluationProtocol.DEFAULT);
        assertEquals(new LedgerImportService.Outcome("toy", 0, 3, 1), own.importLedger(TOY, s -> { }),
                "the registry that trained the runs holds them already; a line of other data stays in the ledger");
        assertEquals(3, sweep.store.findByStatus(RunStatus.SUCCEEDED).size());

        sweep.lines.set(0, copy(first, "a".repeat(64), "another-host", first.datasetFingerprint()));
        assertEquals(new LedgerImportService.Outcome("toy", 1, 2, 1), own.importLedger(TOY, s -> { }),
                "the same run id and start on another host is another run");
    }
}
