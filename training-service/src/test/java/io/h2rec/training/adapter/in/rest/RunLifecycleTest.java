package io.h2rec.training.adapter.in.rest;

import io.h2rec.adapter.in.security.Roles;
import io.h2rec.domain.model.MetricValue;
import io.h2rec.domain.model.Run;
import io.h2rec.domain.model.RunProgress;
import io.h2rec.domain.model.RunStatus;
import io.h2rec.domain.model.TrainingListener;
import io.h2rec.domain.port.in.TrainModelCommand;
import io.h2rec.domain.port.in.TrainModelUseCase;
import io.h2rec.domain.port.out.ExperimentStore;
import io.h2rec.testing.EmbeddedPostgresResource;
import io.h2rec.testing.SyntheticData;
import io.h2rec.testing.TestTokens;
import io.h2rec.testing.TempDirs;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The run lifecycle over HTTP against real PostgreSQL: idempotent creates under concurrency,
 * leases that expire into INTERRUPTED (and a cancel of an orphan honoured), and a run interrupted
 * mid-training that resumes from its checkpoint to the metrics of an uninterrupted run.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
@QuarkusTestResource(TestTokens.Keys.class)
class RunLifecycleTest {
    /** Every call here carries a token of the role these calls need (issue 18). */
    private static RequestSpecification given() {
        return TestTokens.as(Roles.EXPERIMENTER);
    }

    static final Map<String, String> TINY = Map.of("hidden", "16", "max_len", "10", "batch", "64");

    @Inject
    ExperimentStore store;
    @Inject
    TrainModelUseCase training;

    /** Every call at once from 8 threads; the responses in order. */
    static List<Response> concurrently(Callable<Response> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Response>> futures = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                futures.add(pool.submit(call));
            }
            List<Response> out = new ArrayList<>();
            for (Future<Response> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    static void assertOneCreated(List<Response> responses, int created, int existing, String what) {
        assertEquals(1, responses.stream().filter(r -> r.statusCode() == created).count(),
                what + ": " + responses.stream().map(Response::statusCode).toList());
        assertEquals(7, responses.stream().filter(r -> r.statusCode() == existing).count(),
                what + ": " + responses.stream().map(Response::statusCode).toList());
    }

    static Response awaitStatus(int runId, String... statuses) throws InterruptedException {
        for (int i = 0; i < 1200; i++) {
            Response r = given().get("/api/v1/runs/" + runId);
            if (List.of(statuses).contains(r.<String>path("status"))) {
                return r;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("run " + runId + " never became " + List.of(statuses));
    }

    @Test
    void concurrentIdenticalCreatesMakeOneResource() throws Exception {
        Path dir = SyntheticData.write(TempDirs.create("idempotent"), 200, 80, 4, 41);
        List<Response> datasets = concurrently(() -> given().contentType(ContentType.JSON)
                .body(Map.of("location", dir.toString())).post("/api/v1/datasets"));
        assertOneCreated(datasets, 201, 200, "POST /datasets");
        int dataset = datasets.get(0).path("id");
        datasets.forEach(r -> assertEquals(dataset, (int) r.path("id")));

        Map<String, Object> spec = Map.of("name", "idempotent", "datasetId", dataset, "model", "sasrec",
                "params", Map.of("epochs", "10000", "patience", "10000", "hidden", "16", "max_len", "10"),
                "seeds", List.of(5));
        List<Response> experiments = concurrently(() -> given().contentType(ContentType.JSON).body(spec)
                .post("/api/v1/experiments"));
        assertOneCreated(experiments, 201, 200, "POST /experiments");
        int experiment = experiments.get(0).path("id");
        experiments.forEach(r -> assertEquals(experiment, (int) r.path("id")));
        // The name with another spec is a conflict naming the experiment that has it.
        given().contentType(ContentType.JSON).body(Map.of("name", "idempotent", "datasetId", dataset,
                        "model", "popular")).post("/api/v1/experiments").then().statusCode(409)
                .contentType("application/problem+json").body("resource", equalTo("/api/v1/experiments/" + experiment));

        // Starting the same seed at once gives one run; force gives another.
        List<Response> starts = concurrently(() -> given().contentType(ContentType.JSON)
                .body(Map.of("seeds", List.of(5))).post("/api/v1/experiments/" + experiment + "/runs"));
        assertOneCreated(starts, 202, 200, "POST /experiments/{id}/runs");
        int run = starts.get(0).path("[0].id");
        starts.forEach(r -> assertEquals(run, (int) r.path("[0].id")));
        int forced = given().contentType(ContentType.JSON).body(Map.of("seeds", List.of(5), "force", true))
                .post("/api/v1/experiments/" + experiment + "/runs").then().statusCode(202).extract().path("[0].id");
        assertNotEquals(run, forced);
        for (int id : List.of(run, forced)) {
            given().post("/api/v1/runs/" + id + "/cancel").then().statusCode(200).body("cancelled", equalTo(true));
            awaitStatus(id, "CANCELLED");
        }
    }

    @Test
    void anExpiredLeaseIsInterruptedAndAnOrphansCancelIsHonoured() throws Exception {
        int dataset = RegistryWalkthroughTest.registerDataset(
                SyntheticData.write(TempDirs.create("leases"), 120, 40, 2, 43));
        int experiment = given().contentType(ContentType.JSON).body(Map.of("name", "leases", "datasetId", dataset,
                "model", "popular")).post("/api/v1/experiments").then().statusCode(201).extract().path("id");
        // Runs claimed by a process that then died (a replaced pod): nobody renews their leases.
        Run orphan = training.queue(new TrainModelCommand(experiment, 1));
        store.claim(orphan.id(), "ghost-pod:1:dead00");
        Run cancelled = training.queue(new TrainModelCommand(experiment, 2));
        store.claim(cancelled.id(), "ghost-pod:1:dead00");
        given().post("/api/v1/runs/" + cancelled.id() + "/cancel").then().statusCode(200)
                .body("outcome", equalTo("REQUESTED"));

        awaitStatus((int) orphan.id(), "INTERRUPTED").then().body("error", containsString("ghost-pod:1:dead00"))
                .body("error", containsString("lease"));
        awaitStatus((int) cancelled.id(), "CANCELLED", "INTERRUPTED").then().body("status", equalTo("CANCELLED"));
        given().post("/api/v1/runs/" + orphan.id() + "/cancel").then().statusCode(200)
                .body("outcome", equalTo("CANCELLED")).body("status", equalTo("CANCELLED"));
        given().post("/api/v1/runs/" + orphan.id() + "/resume").then().statusCode(409)
                .contentType("application/problem+json").body("resource", equalTo("/api/v1/runs/" + orphan.id()));
    }

    @Test
    void anInterruptedRunResumesToTheMetricsOfAnUninterruptedOne() throws Exception {
        int dataset = RegistryWalkthroughTest.registerDataset(
                SyntheticData.write(TempDirs.create("resume"), 200, 80, 4, 47));
        Map<String, String> params = new java.util.HashMap<>(TINY);
        params.put("epochs", "8");
        params.put("patience", "100");
        long experiment = ((Number) given().contentType(ContentType.JSON).body(Map.of("name", "resume",
                "datasetId", dataset, "model", "sasrec", "params", params, "seeds", List.of(9)))
                .post("/api/v1/experiments").then().statusCode(201).extract().path("id")).longValue();

        Run uninterrupted = training.execute(training.queue(new TrainModelCommand(experiment, 9)).id(),
                TrainingListener.NONE);
        assertEquals(RunStatus.SUCCEEDED, uninterrupted.status(), uninterrupted.error());

        // The same seed, stopped after epoch 3 as a shutdown (SIGTERM) stops it.
        Run run = training.queue(new TrainModelCommand(experiment, 9));
        Run interrupted = training.execute(run.id(), new TrainingListener() {
            @Override
            public void onProgress(RunProgress p) {
                if (p.epoch() == 3) {
                    training.interruptAll("the process executing it shut down", 0);
                }
            }
        });
        assertEquals(RunStatus.INTERRUPTED, interrupted.status());
        assertTrue(interrupted.error().contains("checkpoint at epoch 3"), interrupted.error());

        given().post("/api/v1/runs/" + run.id() + "/resume").then().statusCode(202).body("attempt", equalTo(2));
        awaitStatus((int) run.id(), "SUCCEEDED", "FAILED").then().body("status", equalTo("SUCCEEDED"))
                .body("progress.epoch", equalTo(8));
        List<MetricValue> expected = store.metrics(uninterrupted.id());
        List<MetricValue> resumed = store.metrics(run.id());
        assertTrue(expected.size() > 100);
        assertEquals(expected, resumed, "a resumed run ends with the uninterrupted run's metrics");
    }
}
