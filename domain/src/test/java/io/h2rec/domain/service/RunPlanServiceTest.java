package io.h2rec.domain.service;

import io.h2rec.domain.port.out.Trainers;

import io.h2rec.domain.fakes.InMemoryCodebookStore;
import io.h2rec.domain.fakes.InMemoryExperimentStore;
import io.h2rec.domain.model.CancelOutcome;
import io.h2rec.domain.model.Codebook;
import io.h2rec.domain.model.ItemTextTemplate;
import io.h2rec.domain.model.SemanticId;
import io.h2rec.domain.model.ItemId;
import io.h2rec.domain.model.CodebookDescriptor;
import io.h2rec.domain.model.Created;
import io.h2rec.domain.model.QuantizerConfig;
import io.h2rec.domain.model.CodebookStats;
import io.h2rec.domain.model.EvalTarget;
import io.h2rec.domain.model.EvaluationProtocol;
import io.h2rec.domain.model.EvaluationResult;
import io.h2rec.domain.model.Experiment;
import io.h2rec.domain.model.ExperimentPlan;
import io.h2rec.domain.model.FilterStats;
import io.h2rec.domain.model.JobListener;
import io.h2rec.domain.model.LedgerRun;
import io.h2rec.domain.model.MetricValue;
import io.h2rec.domain.model.PlanListener;
import io.h2rec.domain.model.PreparationParams;
import io.h2rec.domain.model.PreparedDataset;
import io.h2rec.domain.model.Protocol;
import io.h2rec.domain.model.Provenance;
import io.h2rec.domain.model.RegisteredDataset;
import io.h2rec.domain.model.Run;
import io.h2rec.domain.model.RunProgress;
import io.h2rec.domain.model.RunStatus;
import io.h2rec.domain.model.TrainingListener;
import io.h2rec.domain.port.in.PrepareDatasetCommand;
import io.h2rec.domain.port.in.PrepareDatasetUseCase;
import io.h2rec.domain.port.in.QuantizeCatalogCommand;
import io.h2rec.domain.port.in.QuantizeCatalogUseCase;
import io.h2rec.domain.port.in.RunPlanCommand;
import io.h2rec.domain.port.in.RunPlanUseCase;
import io.h2rec.domain.port.in.TrainModelCommand;
import io.h2rec.domain.port.in.TrainModelUseCase;
import io.h2rec.domain.port.out.RunLedger;
import io.h2rec.domain.port.out.TrainedModel;
import io.h2rec.domain.port.out.Trainer;
import io.h2rec.domain.port.out.TrainingRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Planning and resuming a sweep with in-memory ports: what is trained, what is found, what a dry run touches. */
class RunPlanServiceTest {
    static final RegisteredDataset DS = new RegisteredDataset(1, "toy", "csv", "/toy", "f".repeat(64),
            PreparationParams.DEFAULT, new FilterStats(1, 1, 1, 1, 1, 1, 1));
    static final ExperimentPlan PLAN = new ExperimentPlan("t", Map.of("main", List.of(1L, 2L), "one", List.of(1L)),
            List.of(new ExperimentPlan.Entry("hid", "hid", null, "main", Map.of()),
                    new ExperimentPlan.Entry("sid", "sid", "rqkmeans", "one", Map.of("x", "1"))));

    InMemoryExperimentStore store;
    InMemoryCodebookStore codebookStore;
    List<LedgerRun> lines;
    List<String> trained;
    List<Long> resumed;
    int quantized;
    RunLedgerService ledger;
    int ledgerReads;
    RunPlanService service;
    /** The fixture's trainers, ledger file and datasets, for a second registry over the same ledger. */
    Trainers trainers;
    RunLedger memory;
    PrepareDatasetUseCase datasets;

    /** Models "hid" (no semantic IDs) and "sid" (semantic IDs); the config is the parameters. */
    static final class Fake implements Trainer {
        @Override
        public Set<String> models() {
            return Set.of("hid", "sid");
        }

        @Override
        public Map<String, String> resolveConfig(String model, Map<String, String> params) {
            if (params.containsKey("bad")) {
                throw new IllegalArgumentException("unknown parameter 'bad'");
            }
            return params;
        }

        @Override
        public boolean usesSemanticIds(String model) {
            return model.equals("sid");
        }

        @Override
        public String device() {
            return "test";
        }

        @Override
        public TrainedModel train(TrainingRequest request) {
            throw new UnsupportedOperationException();
        }
    }

    @BeforeEach
    void setUp() {
        store = new InMemoryExperimentStore();
        codebookStore = new InMemoryCodebookStore();
        lines = new ArrayList<>();
        trained = new ArrayList<>();
        resumed = new ArrayList<>();
        quantized = 0;
        ledgerReads = 0;
        trainers = new Trainers(List.of(new Fake()));
        memory = new RunLedger() {
            @Override
            public List<LedgerRun> read(String datasetName) {
                ledgerReads++;
                return List.copyOf(lines);
            }

            @Override
            public boolean append(LedgerRun run) {
                if (lines.stream().anyMatch(l -> l.key().equals(run.key()))) {
                    return false;
                }
                return lines.add(run);
            }

            @Override
            public boolean complete(LedgerRun run) {
                for (int i = 0; i < lines.size(); i++) {
                    if (lines.get(i).key().equals(run.key())) {
                        lines.set(i, run);
                        return true;
                    }
                }
                return false;
            }
        };
        ledger = new RunLedgerService(memory, store, codebookStore, trainers, EvaluationProtocol.DEFAULT);
        datasets = new PrepareDatasetUseCase() {
            @Override
            public PreparedDataset prepare(PrepareDatasetCommand command) {
                return new PreparedDataset(DS, null);
            }

            @Override
            public PreparedDataset load(long datasetId) {
                return new PreparedDataset(DS, null);
            }

            @Override
            public Optional<RegisteredDataset> find(long datasetId) {
                return Optional.of(DS);
            }
        };
        CodebookResolver codebooks = new CodebookResolver(codebookStore, new QuantizeCatalogUseCase() {
            @Override
            public void validate(QuantizerConfig config) {
            }

            @Override
            public Codebook quantize(QuantizeCatalogCommand c, JobListener l) {
                quantized++;
                return codebookStore.commit(new Codebook(0, c.datasetId(), DS.fingerprint(), c.config(), "enc",
                        c.template().template(), 8, 1, new CodebookStats(new double[] {1}, 0, 1, 0, 0, 0, 0, "cpu"),
                        null), null, Map.of());
            }
        }, "enc");
        TrainModelUseCase training = new TrainModelUseCase() {
            @Override
            public Created<Run> submit(TrainModelCommand c) {
                return new Created<>(store.createRun(c.experimentId(), c.seed(), "h" + c.experimentId() + "-" + c.seed()),
                        true);
            }

            @Override
            public Optional<Run> completed(TrainModelCommand c) {
                return store.listRuns(c.experimentId()).stream()
                        .filter(r -> r.seed() == c.seed() && r.status() == RunStatus.SUCCEEDED).findFirst();
            }

            @Override
            public Run execute(long runId, TrainingListener listener) {
                Run run = store.findRun(runId).orElseThrow();
                Experiment e = store.findExperiment(run.experimentId()).orElseThrow();
                trained.add(e.spec().model() + "/" + run.seed());
                store.claim(runId, "me");
                store.recordProvenance(runId, new Provenance("toy", DS.fingerprint(), DS.params(), EvaluationProtocol.DEFAULT,
                        e.spec().codebookId(), e.spec().model(), e.spec().params(), run.seed(), "c0de", "cpu", "here"));
                store.markSucceeded(runId, new EvaluationResult(EvaluationProtocol.DEFAULT, List.of(new MetricValue(
                        EvalTarget.TEST, Protocol.FULL, "overall", "HR", 10, 0.5))), new RunProgress(3, 3, 1, 0.1, 2, 0.2,
                        1, "done"));
                return store.findRun(runId).orElseThrow();
            }

            @Override
            public CancelOutcome cancel(long runId) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Run resume(long runId) {
                resumed.add(runId);
                return store.requeue(runId);
            }

            @Override
            public List<Run> interruptAbandoned() {
                return List.of();
            }

            @Override
            public List<Long> interruptAll(String reason, long waitMillis) {
                return List.of();
            }
        };
        service = new RunPlanService(datasets, codebooks, trainers, store, (c) -> new Created<>(store.saveExperiment(c.spec()), true),
                training, ledger);
    }

    RunPlanUseCase.Outcome run(List<String> only, boolean dryRun, List<String> events) {
        return service.run(new RunPlanCommand("/toy", PreparationParams.DEFAULT, PLAN, only, dryRun, Map.of()),
                new PlanListener() {
                    @Override
                    public void entry(int index, int total, ExperimentPlan.Entry e, long seed, State state, String detail) {
                        events.add(e.label() + "/" + seed + ":" + state);
                    }
                });
    }

    @Test
    void trainsEachEntryAndSeedOnceThenResumesFromTheLedger() {
        List<String> events = new ArrayList<>();
        RunPlanUseCase.Outcome first = run(null, false, events);
        assertEquals(List.of("hid/1", "hid/2", "sid/1"), trained);
        assertEquals(1, quantized, "one codebook for the SID entry");
        assertEquals(3, first.results().size());
        assertEquals(3, lines.size(), "every finished run is in the ledger");
        // Ledger keys name the codebook by what built it, not by its id.
        assertTrue(lines.stream().filter(l -> l.model().equals("sid")).allMatch(l -> l.codebook().quantizer()
                .equals("rqkmeans") && l.codebook().encoderId().equals("enc")));

        events.clear();
        trained.clear();
        ledgerReads = 0;
        RunPlanUseCase.Outcome second = run(null, false, events);
        assertEquals(List.of(), trained, "a second invocation trains nothing");
        assertEquals(1, ledgerReads, "the ledger file is read once per sweep, not once per entry and seed");
        assertEquals(List.of("hid/1:DONE", "hid/2:DONE", "sid/1:DONE"), events);
        assertEquals(3, second.results().size());
    }

    /** A search stopped mid-run (a restart, a redeploy) continues that run, not a new one from epoch 1. */
    @Test
    void anInterruptedRunOfTheSameEntryAndSeedIsResumedNotStartedAgain() {
        Experiment hid = store.saveExperiment(RunPlanService.spec(PLAN, DS, PLAN.entries().get(0), (Long) null, Map.of()));
        Run stopped = store.createRun(hid.id(), 2, "h" + hid.id() + "-2");
        store.claim(stopped.id(), "a process that died");
        store.ageLease(stopped.id(), 3600);
        store.interruptExpired(60, "test");
        List<String> events = new ArrayList<>();
        run(null, false, events);
        assertEquals(List.of(stopped.id()), resumed, "the interrupted run is requeued");
        assertEquals(List.of("hid/1", "hid/2", "sid/1"), trained);
        assertEquals(RunStatus.SUCCEEDED, store.findRun(stopped.id()).orElseThrow().status());
        assertEquals(1, store.listRuns(hid.id()).stream().filter(r -> r.seed() == 2).count(), "no second run of seed 2");
    }

    /** Two labels of one configuration (a plan's baseline repeated in a search): trained once, the second found done. */
    @Test
    void aRunThisSweepFinishedCountsForALaterEntryOfTheSameConfiguration() {
        ExperimentPlan twice = new ExperimentPlan("t", Map.of("main", List.of(1L)),
                List.of(new ExperimentPlan.Entry("hid", "hid", null, "main", Map.of()),
                        new ExperimentPlan.Entry("hid_again", "hid", null, "main", Map.of())));
        List<String> events = new ArrayList<>();
        RunPlanUseCase.Outcome o = service.run(new RunPlanCommand("/toy", PreparationParams.DEFAULT, twice, null, false,
                Map.of()), new PlanListener() {
            @Override
            public void entry(int index, int total, ExperimentPlan.Entry e, long seed, State state, String detail) {
                events.add(e.label() + "/" + seed + ":" + state);
            }
        });
        assertEquals(List.of("hid/1"), trained);
        assertEquals(List.of("hid/1:TRAINING", "hid/1:FINISHED", "hid_again/1:DONE"), events);
        assertEquals(2, o.results().size());
        assertEquals(1, lines.size());
    }

    /** Found in the background queue: --seeds 43, then --seeds 44, dropped seed 43 from the report ("not held"). */
    @Test
    void anotherInvocationsSeedsStayInTheReport() {
        RunPlanCommand first = new RunPlanCommand("/toy", PreparationParams.DEFAULT, PLAN.withSeeds(Map.of("main", List.of(5L))),
                List.of("hid"), false, Map.of());
        service.run(first, new PlanListener() {
        });
        trained.clear();
        RunPlanCommand second = new RunPlanCommand("/toy", PreparationParams.DEFAULT, PLAN.withSeeds(Map.of("main", List.of(7L))),
                List.of("hid"), false, Map.of());
        RunPlanUseCase.Outcome o = service.run(second, new PlanListener() {
        });
        assertEquals(List.of("hid/7"), trained);
        assertEquals(List.of("hid/5", "hid/7"), o.results().stream().map(r -> r.entry().label() + "/" + r.seed()).sorted().toList(),
                "seed 5 of the first invocation (in no group of the second) is reported with seed 7");
    }

    @Test
    void aLedgerFromAnotherMachineIsEnoughOnAFreshRegistry() {
        run(null, false, new ArrayList<>());
        List<LedgerRun> elsewhere = List.copyOf(lines);
        setUp();                                  // a new registry and no codebook; the same ledger
        lines.addAll(elsewhere);
        List<String> events = new ArrayList<>();
        RunPlanUseCase.Outcome o = run(null, false, events);
        assertEquals(List.of(), trained);
        assertEquals(0, quantized, "no codebook is built for runs the ledger holds");
        assertEquals(3, o.results().size());
    }

    @Test
    void aLedgerRunOnOtherCodesOfTheSameCodebookSettingsCountsAndIsSaidSo() {
        run(null, false, new ArrayList<>());
        assertEquals(CodebookDescriptor.digest(Map.of()), lines.stream().filter(l -> l.model().equals("sid")).findFirst()
                .orElseThrow().codebook().codes(), "a line records the digest of the codes it trained on");
        assertEquals(List.of("hid/1:DONE:run 1", "hid/2:DONE:run 2", "sid/1:DONE:run 3"), details(),
                "the registry that trained them: the same codes, nothing to say");
        List<LedgerRun> elsewhere = List.copyOf(lines);
        setUp();                                  // another registry whose codebook of the same settings came out otherwise
        lines.addAll(elsewhere);
        codebookStore.commit(new Codebook(0, DS.id(), DS.fingerprint(), QuantizerConfig.defaults("rqkmeans"), "enc",
                ItemTextTemplate.DEFAULT.template(), 8, 1, new CodebookStats(new double[] {1}, 0, 1, 0, 0, 0, 0, "cpu"),
                null), null, Map.of(new ItemId("1"), new SemanticId(new int[] {1, 2})));
        List<String> said = details();
        assertEquals(List.of(), trained, "the ledger key names the settings: the run still counts");
        assertEquals("hid/1:DONE:run 1", said.get(0));
        assertTrue(said.get(2).startsWith("sid/1:DONE:run 3; trained on other codes than this registry's codebook 1 "
                + "of the same settings (codes " + CodebookDescriptor.digest(Map.of()).substring(0, 8) + " vs "), said.get(2));
    }

    @Test
    void theDigestIsOfTheCodesAsBuiltNotOfColdStartItemsAddedSince() {
        Codebook book = codebookStore.commit(new Codebook(0, DS.id(), DS.fingerprint(), QuantizerConfig.defaults("rqkmeans"),
                "enc", ItemTextTemplate.DEFAULT.template(), 8, 1, new CodebookStats(new double[] {1}, 0, 1, 0, 0, 0, 0, "cpu"),
                null), null, Map.of(new ItemId("1"), new SemanticId(new int[] {1, 2})));
        codebookStore.addColdStartItem(book.id(), new ItemId("new"), Map.of(), new SemanticId(new int[] {1, 3}));
        assertEquals(CodebookDescriptor.digest(Map.of(new ItemId("1"), new SemanticId(new int[] {1, 2}))),
                ledger.codesDigest(book.id()));
    }

    @Test
    void anExportGivesThisRegistrysOlderLinesTheirCodesDigestAndNobodyElses() {
        run(null, false, new ArrayList<>());
        String digest = CodebookDescriptor.digest(Map.of());
        // As written before lines carried the digest; and a line of the same key from another registry's run 99
        for (int i = 0; i < lines.size(); i++) {
            LedgerRun r = lines.get(i);
            if (r.codebook() != null) {
                lines.set(i, r.withCodebook(r.codebook().withCodes(null)));
            }
        }
        assertEquals(new RunLedgerService.Export(0, 1), ledger.exportAll());
        assertEquals(digest, lines.stream().filter(l -> l.model().equals("sid")).findFirst().orElseThrow().codebook().codes());
        assertEquals(new RunLedgerService.Export(0, 0), ledger.exportAll(), "once");
        int sid = lines.indexOf(lines.stream().filter(l -> l.model().equals("sid")).findFirst().orElseThrow());
        lines.set(sid, copy(lines.get(sid), 99, lines.get(sid).codebook().withCodes(null)));
        assertEquals(new RunLedgerService.Export(0, 0), ledger.exportAll(), "another registry's run of the key is left");
        assertEquals(null, lines.get(sid).codebook().codes());
    }

    private static LedgerRun copy(LedgerRun r, long sourceRunId, CodebookDescriptor codebook) {
        return new LedgerRun(r.key(), r.datasetName(), r.datasetFingerprint(), codebook, r.model(), r.config(), r.seed(),
                r.protocol(), r.codeVersion(), r.device(), r.host(), sourceRunId, r.startedAt(), r.finishedAt(), r.epochs(),
                r.bestEpoch(), r.bestValidationNdcg(), r.secondsPerEpoch(), r.metrics(), r.curve());
    }

    /** label/seed:state:detail of each entry of a sweep over the whole plan. */
    private List<String> details() {
        List<String> said = new ArrayList<>();
        service.run(new RunPlanCommand("/toy", PreparationParams.DEFAULT, PLAN, null, false, Map.of()), new PlanListener() {
            @Override
            public void entry(int index, int total, ExperimentPlan.Entry e, long seed, State state, String detail) {
                said.add(e.label() + "/" + seed + ":" + state + ":" + detail);
            }
        });
        return said;
    }

    @Test
    void aDryRunTouchesNothingAndOnlySkipsTheRest() {
        List<String> events = new ArrayList<>();
        run(null, true, events);
        assertEquals(List.of("hid/1:TO_DO", "hid/2:TO_DO", "sid/1:TO_DO"), events);
        assertEquals(List.of(), trained);
        assertEquals(0, quantized);
        assertEquals(List.of(), lines);
        assertEquals(List.of(), store.listExperiments());

        events.clear();
        run(List.of("sid"), false, events);
        assertEquals(List.of("hid/1:SKIPPED", "hid/2:SKIPPED", "sid/1:TRAINING", "sid/1:FINISHED"), events);
        assertEquals(List.of("sid/1"), trained);
    }

    @Test
    void aBadEntryIsRefusedBeforeAnyWork() {
        ExperimentPlan bad = new ExperimentPlan("t", Map.of("main", List.of(1L)),
                List.of(new ExperimentPlan.Entry("hid", "hid", null, "main", Map.of("bad", "1"))));
        assertThrows(IllegalArgumentException.class, () -> service.run(new RunPlanCommand("/toy",
                PreparationParams.DEFAULT, bad, null, false, Map.of()), PlanListener.NONE));
        assertThrows(IllegalArgumentException.class, () -> new RunPlanCommand("/toy", PreparationParams.DEFAULT, PLAN,
                List.of("nope"), false, Map.of()));
        assertEquals(List.of(), trained);
    }

    /** Tuned values apply by default, an entry's own params and the command's go over them, a profile drops them. */
    @Test
    void tunedValuesGiveWayToTheEntryTheCommandAndAProfile() {
        ExperimentPlan tuned = new ExperimentPlan("t", Map.of("main", List.of(1L)), List.of(new ExperimentPlan.Entry(
                "hid", "hid", null, "main", Map.of("x", "2"), Map.of("x", "1", "hidden", "128", "lr", "0.002"))));
        service.run(new RunPlanCommand("/toy", PreparationParams.DEFAULT, tuned, null, false, Map.of("lr", "0.01")),
                PlanListener.NONE);
        service.run(new RunPlanCommand("/toy", PreparationParams.DEFAULT, tuned, null, false, Map.of("loss", "bce"),
                "paper"), PlanListener.NONE);
        assertEquals(List.of(Map.of("x", "2", "hidden", "128", "lr", "0.01"), Map.of("x", "2", "loss", "bce")),
                store.listExperiments().stream().map(e -> e.spec().params()).toList());
    }
}
