package io.h2rec.adapter.out.persistence;

import io.h2rec.domain.dataset.DatasetPreparation;
import io.h2rec.domain.error.ConflictException;
import io.h2rec.domain.model.Created;
import io.h2rec.domain.model.DatasetSplit;
import io.h2rec.domain.model.EvalTarget;
import io.h2rec.domain.model.EvaluationProtocol;
import io.h2rec.domain.model.EpochPoint;
import io.h2rec.domain.model.EvaluationResult;
import io.h2rec.domain.model.Experiment;
import io.h2rec.domain.model.ExperimentSpec;
import io.h2rec.domain.model.Interaction;
import io.h2rec.domain.model.Item;
import io.h2rec.domain.model.ItemId;
import io.h2rec.domain.model.LedgerRun;
import io.h2rec.domain.model.MetricValue;
import io.h2rec.domain.model.PreparationParams;
import io.h2rec.domain.model.Protocol;
import io.h2rec.domain.model.Provenance;
import io.h2rec.domain.model.RawDataset;
import io.h2rec.domain.model.RegisteredDataset;
import io.h2rec.domain.model.Run;
import io.h2rec.domain.model.RunProgress;
import io.h2rec.domain.model.RunStatus;
import io.h2rec.domain.model.SplitProtocol;
import io.h2rec.testing.EmbeddedPostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The stores against a real PostgreSQL (embedded), schema by the Flyway migrations. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class PersistenceTest {
    @Inject
    HibernateItemCatalog catalog;
    @Inject
    HibernateExperimentStore store;

    static DatasetSplit toySplit(String name, int users) {
        List<Interaction> events = new ArrayList<>();
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            items.add(new Item(ItemId.of("i" + i), Map.of("title", "Item \"" + i + "\"")));
        }
        for (int u = 0; u < users; u++) {
            for (int t = 0; t < 4; t++) {
                events.add(new Interaction("u" + u, ItemId.of("i" + ((u + t * 3) % 10)), t));
            }
        }
        return DatasetPreparation.prepare(new RawDataset(name, "test", "memory", events, items),
                new PreparationParams(1, 3));
    }

    @Test
    void registersADatasetOnceByFingerprintWithItsItems() {
        DatasetSplit split = toySplit("toy-a", 7);
        RegisteredDataset first = catalog.register(split, "test", "memory");
        RegisteredDataset again = catalog.register(split, "test", "memory");
        assertEquals(first.id(), again.id());
        assertEquals(split.fingerprint(), first.fingerprint());
        assertEquals(7, first.stats().usersAfter());
        List<Item> items = catalog.items(first.id());
        assertEquals(split.numItems(), items.size());
        assertEquals(split.item(1), items.get(0));
        assertEquals("Item \"0\"", items.get(0).field("title"));
        assertEquals(first.id(), catalog.findByName("toy-a").orElseThrow().id());
    }

    @Test
    void aTemporalSplitIsRecordedAndReadBack() {
        List<Interaction> events = new ArrayList<>();
        for (int u = 0; u < 6; u++) {
            for (int t = 0; t < 5; t++) {
                events.add(new Interaction("u" + u, ItemId.of("i" + ((u + t) % 7)), (t * 10L + u) * 1000));
            }
        }
        SplitProtocol split = SplitProtocol.temporal(0.5, 0.75);
        DatasetSplit temporal = DatasetPreparation.prepare(new RawDataset("toy-t", "test", "memory", events, List.of(),
                true), new PreparationParams(1, 3, split));
        RegisteredDataset ds = catalog.register(temporal, "test", "memory");
        assertEquals(split, ds.params().split());
        assertEquals(split, catalog.find(ds.id()).orElseThrow().params().split());
        // The same events under leave-one-out are another dataset, recorded without a split.
        RegisteredDataset loo = catalog.register(DatasetPreparation.prepare(new RawDataset("toy-t", "test", "memory",
                events, List.of(), true), new PreparationParams(1, 3)), "test", "memory");
        assertNotEquals(ds.id(), loo.id());
        assertEquals(SplitProtocol.LEAVE_ONE_OUT, catalog.find(loo.id()).orElseThrow().params().split());
    }

    @Test
    void runLifecycleWithMetricsAndProvenance() {
        RegisteredDataset ds = catalog.register(toySplit("toy-b", 5), "test", "memory");
        Experiment exp = store.saveExperiment(new ExperimentSpec("exp-life", ds.id(), null, "popular",
                Map.of("b", "2", "a", "1"), List.of(42L, 43L)));
        assertEquals(List.of(42L, 43L), store.findExperiment(exp.id()).orElseThrow().spec().seeds());
        assertEquals(Map.of("a", "1", "b", "2"), store.findExperimentByName("exp-life").orElseThrow().spec().params());

        Run run = store.createRun(exp.id(), 42, "h".repeat(64));
        assertEquals(RunStatus.QUEUED, run.status());
        Provenance p = new Provenance("toy-b", ds.fingerprint(), PreparationParams.DEFAULT, EvaluationProtocol.DEFAULT,
                null, "popular", Map.of(), 42, "abc123", "CPU", "host");
        store.claim(run.id(), "host:1");
        assertThrows(ConflictException.class, () -> store.claim(run.id(), "host:2"));
        store.recordProvenance(run.id(), p);
        store.updateProgress(run.id(), new RunProgress(3, 10, 0.5, Double.NaN, 2, 0.1, 1.5, "epoch 3"));
        Run running = store.findRun(run.id()).orElseThrow();
        assertEquals(RunStatus.RUNNING, running.status());
        assertEquals("host:1", running.owner());
        assertEquals(p, running.provenance());
        assertEquals(3, running.progress().epoch());
        assertTrue(Double.isNaN(running.progress().validationNdcg()));

        EvaluationResult result = new EvaluationResult(EvaluationProtocol.DEFAULT, List.of(
                new MetricValue(EvalTarget.TEST, Protocol.FULL, "overall", "NDCG", 10, 0.0123),
                new MetricValue(EvalTarget.TEST, Protocol.SAMPLED100, "tail", "HR", 10, 0.25)));
        store.markSucceeded(run.id(), result, new RunProgress(10, 10, 0.4, 0.2, 8, 0.2, 1.5, "done"));
        assertEquals(RunStatus.SUCCEEDED, store.findRun(run.id()).orElseThrow().status());
        assertEquals(2, store.metrics(run.id()).size());
        assertTrue(store.metrics(run.id()).contains(result.values().get(0)));
        assertEquals(run.id(), store.findSucceededRun("h".repeat(64)).orElseThrow().id());

        // A finished run cannot move again.
        assertThrows(ConflictException.class, () -> store.markFailed(run.id(), "late"));
    }

    @Test
    void theLearningCurveKeepsEveryEpochAndAResumedEpochReplacesItsPoint() {
        RegisteredDataset ds = catalog.register(toySplit("toy-curve", 5), "test", "memory");
        Experiment exp = store.saveExperiment(new ExperimentSpec("exp-curve", ds.id(), null, "sasrec", Map.of(),
                List.of(42L)));
        Run run = store.createRun(exp.id(), 42, "c".repeat(64));
        assertEquals(List.of(), store.epochs(run.id()));
        store.recordEpoch(run.id(), new EpochPoint(2, 0.8, Double.NaN));   // not evaluated that epoch
        store.recordEpoch(run.id(), new EpochPoint(1, 0.9, 0.01));
        store.recordEpoch(run.id(), new EpochPoint(2, 0.7, 0.02));          // the same epoch after a resume
        assertEquals(List.of(new EpochPoint(1, 0.9, 0.01), new EpochPoint(2, 0.7, 0.02)), store.epochs(run.id()));
        store.recordEpoch(run.id(), new EpochPoint(3, 0.6, Double.NaN));
        assertTrue(Double.isNaN(store.epochs(run.id()).get(2).validationNdcg()));
        store.discardEpochsAfter(run.id(), 1);                               // a resume from epoch 1's checkpoint
        assertEquals(List.of(new EpochPoint(1, 0.9, 0.01)), store.epochs(run.id()));
        assertThrows(IllegalArgumentException.class, () -> store.recordEpoch(987654L, new EpochPoint(1, 1, 1)));
    }

    @Test
    void aLedgerLineBecomesAFinishedRunWithItsNumbersOnce() {
        RegisteredDataset ds = catalog.register(toySplit("toy-import", 5), "test", "memory");
        Experiment exp = store.saveExperiment(new ExperimentSpec("exp-import", ds.id(), null, "sasrec", Map.of("hidden",
                "256"), List.of(43L)));
        List<MetricValue> metrics = List.of(new MetricValue(EvalTarget.TEST, Protocol.FULL, "overall", "NDCG", 10, 0.0581),
                new MetricValue(EvalTarget.VALIDATION, Protocol.FULL, "overall", "NDCG", 10, 0.0711));
        Instant started = Instant.parse("2026-11-30T18:37:00Z");
        LedgerRun line = new LedgerRun("9".repeat(64), "toy-import", ds.fingerprint(), null, "sasrec",
                Map.of("hidden", "256"), 43, EvaluationProtocol.DEFAULT.toString(), "b8576ed", "CPU", "elsewhere", 17,
                started, started.plusSeconds(1440), 37, 17, 0.0711, 32.3, metrics,
                List.of(new EpochPoint(1, 9.1, 0.01), new EpochPoint(2, 8.7, Double.NaN)));
        Provenance provenance = new Provenance("toy-import", ds.fingerprint(), PreparationParams.DEFAULT,
                EvaluationProtocol.DEFAULT, null, "sasrec", line.config(), 43, "b8576ed", "CPU", "elsewhere");
        Run run = store.importRun(exp.id(), line, provenance, new RunProgress(37, 37, Double.NaN, Double.NaN, 17, 0.0711,
                32.3, "imported")).value();

        Run read = store.findRun(run.id()).orElseThrow();
        assertEquals(RunStatus.SUCCEEDED, read.status());
        assertEquals(line.key(), read.importedFrom());
        assertEquals(line.key(), read.configHash());
        assertEquals(started, read.startedAt());
        assertEquals(line.finishedAt(), read.finishedAt());
        assertEquals("elsewhere", read.provenance().host());
        assertEquals(17, read.progress().bestEpoch());
        assertEquals(2, store.metrics(run.id()).size());
        assertTrue(store.metrics(run.id()).containsAll(metrics));
        assertEquals(2, store.epochs(run.id()).size());
        assertTrue(Double.isNaN(store.epochs(run.id()).get(1).validationNdcg()));
        assertNull(store.findRun(store.createRun(exp.id(), 43, "8".repeat(64)).id()).orElseThrow().importedFrom(),
                "a run trained here was imported from nowhere");
        Created<Run> again = store.importRun(exp.id(), line, provenance, read.progress());
        assertFalse(again.created(), "a line is imported once");
        assertEquals(run.id(), again.value().id());
        assertEquals(2, store.metrics(run.id()).size());
        assertThrows(IllegalArgumentException.class, () -> store.importRun(987654L, line, provenance, read.progress()));
    }

    @Test
    void failedRunKeepsItsError() {
        RegisteredDataset ds = catalog.register(toySplit("toy-c", 6), "test", "memory");
        Experiment exp = store.saveExperiment(new ExperimentSpec("exp-fail", ds.id(), null, "popular", Map.of(),
                List.of(1L)));
        Run run = store.createRun(exp.id(), 1, "f".repeat(64));
        store.markFailed(run.id(), "java.lang.IllegalStateException: boom");
        Run failed = store.findRun(run.id()).orElseThrow();
        assertEquals(RunStatus.FAILED, failed.status());
        assertEquals("java.lang.IllegalStateException: boom", failed.error());
        assertTrue(failed.finishedAt() != null);
        assertTrue(store.findByStatus(RunStatus.FAILED).stream().anyMatch(r -> r.id() == run.id()));
    }

    @Test
    void aRequeuedRunKeepsItsFirstStartSoItsDurationSpansEveryAttempt() throws InterruptedException {
        RegisteredDataset ds = catalog.register(toySplit("toy-r", 6), "test", "memory");
        Experiment exp = store.saveExperiment(new ExperimentSpec("exp-resume", ds.id(), null, "popular", Map.of(),
                List.of(1L)));
        Run run = store.createRun(exp.id(), 1, "r".repeat(64));
        store.claim(run.id(), "host:1");
        Instant first = store.findRun(run.id()).orElseThrow().startedAt();
        store.markFailed(run.id(), "killed");
        Thread.sleep(5); // the database clock moves on before the second claim
        assertEquals(run.attempt() + 1, store.requeue(run.id()).attempt());
        store.claim(run.id(), "host:2");
        Run resumed = store.findRun(run.id()).orElseThrow();
        assertEquals("host:2", resumed.owner());
        assertEquals(first, resumed.startedAt());
        assertNull(resumed.finishedAt());
    }
}
