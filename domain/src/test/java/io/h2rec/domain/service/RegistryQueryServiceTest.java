package io.h2rec.domain.service;

import io.h2rec.domain.error.NotFoundException;
import io.h2rec.domain.fakes.InMemoryExperimentStore;
import io.h2rec.domain.fakes.InMemoryItemCatalog;
import io.h2rec.domain.model.EvalTarget;
import io.h2rec.domain.model.EvaluationProtocol;
import io.h2rec.domain.model.EvaluationResult;
import io.h2rec.domain.model.Experiment;
import io.h2rec.domain.model.ExperimentSpec;
import io.h2rec.domain.model.MetricValue;
import io.h2rec.domain.model.Protocol;
import io.h2rec.domain.model.Run;
import io.h2rec.domain.model.RunStatus;
import io.h2rec.domain.port.in.CompareRunsQuery;
import io.h2rec.domain.port.in.RunComparison;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The registry's reads over in-memory stores: not-found answers and the side-by-side comparison. */
class RegistryQueryServiceTest {
    private final InMemoryExperimentStore store = new InMemoryExperimentStore();
    private final RegistryQueryService queries = new RegistryQueryService(new InMemoryItemCatalog(), store, null,
            null, null);

    private Run succeeded(String model, MetricValue... values) {
        Experiment e = store.saveExperiment(new ExperimentSpec(model + "-exp", 1, null, model, null, List.of(42L)));
        Run r = store.createRun(e.id(), 42, model + "-hash");
        store.claim(r.id(), "me");
        store.finish(r.id(), "me", RunStatus.SUCCEEDED, null,
                new EvaluationResult(EvaluationProtocol.DEFAULT, List.of(values)), null);
        return r;
    }

    private static MetricValue test(String group, String metric, int k, double value) {
        return new MetricValue(EvalTarget.TEST, Protocol.FULL, group, metric, k, value);
    }

    @Test
    void unknownIdsAreNotFoundByKind() {
        assertEquals("unknown run 99", assertThrows(NotFoundException.class, () -> queries.run(99)).getMessage());
        assertEquals("unknown run 99", assertThrows(NotFoundException.class, () -> queries.metrics(99)).getMessage());
        assertEquals("unknown experiment 7",
                assertThrows(NotFoundException.class, () -> queries.runs(7)).getMessage());
        assertEquals("unknown dataset 3", assertThrows(NotFoundException.class, () -> queries.dataset(3)).getMessage());
        assertThrows(NotFoundException.class,
                () -> queries.compare(new CompareRunsQuery(List.of(99L), EvalTarget.TEST)));
    }

    @Test
    void comparisonHasOneRowPerMetricOfTheSplitWithNullWhereARunLacksIt() {
        Run a = succeeded("sasrec", test("overall", "NDCG", 10, 0.25), test("tail", "NDCG", 10, 0.125),
                new MetricValue(EvalTarget.VALIDATION, Protocol.FULL, "overall", "NDCG", 10, 0.5));
        Run b = succeeded("h2rec", test("overall", "NDCG", 10, 0.375));

        RunComparison c = queries.compare(new CompareRunsQuery(List.of(b.id(), a.id()), EvalTarget.TEST));

        assertEquals(List.of(b.id(), a.id()), c.runs().stream().map(Run::id).toList());
        assertEquals(List.of("h2rec", "sasrec"), c.models());
        assertEquals(List.of(new RunComparison.Row("full", "overall", "NDCG", 10, List.of(0.375, 0.25)),
                new RunComparison.Row("full", "tail", "NDCG", 10, Arrays.asList(null, 0.125))), c.rows());
        assertEquals(List.of(new RunComparison.Row("full", "overall", "NDCG", 10, Arrays.asList(null, 0.5))),
                queries.compare(new CompareRunsQuery(List.of(b.id(), a.id()), EvalTarget.VALIDATION)).rows());
    }
}
