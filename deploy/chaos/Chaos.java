import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;

/**
 * Fault injection against the three services on loopback (issue 17): kills and stops each service
 * and the database mid-work, starts twice, abuses the APIs, and checks that nothing is left RUNNING
 * or QUEUED without an owner after two lease periods, that no client input gives a 5xx, that no row
 * is lost or half-written, and that a resumed run ends with the uninterrupted run's metrics. Every
 * wait is bounded. It runs in its own H2REC_HOME (wiped first) with short leases (10 s, heartbeat
 * 2 s) and writes one CSV row per scenario. It calls the APIs with the launcher's local tokens of
 * that home, each call with the least role that may make it (docs/security.md).
 *
 * <pre>java -cp 'training-service/target/quarkus-app/lib/main/*' deploy/chaos/Chaos.java deploy/h2rec [options]</pre>
 * (deploy/h2rec chaos runs exactly that). One file on purpose: Java 17's source launcher runs a single file, so the
 * tool needs no build of its own; past ~400 lines for that reason.
 */
public class Chaos {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final long LEASE = 10;
    static final long HEARTBEAT = 2;

    record Result(String scenario, String fault, String expected, String observed, boolean pass) {
    }

    record Resp(int status, JsonNode body, String raw, String type) {
        JsonNode at(String field) {
            return body == null ? JSON.missingNode() : body.path(field);
        }
    }

    final String launcher;
    final Path home;
    final Path dataset;
    final Path out;
    final int epochs;
    final Set<String> only;
    final Map<String, String> ports = new HashMap<>();
    final List<Result> results = new ArrayList<>();
    final Map<String, String> ids = new HashMap<>();
    int restarts;

    Chaos(String launcher, Map<String, String> opts) {
        this.launcher = launcher;
        Path root = Path.of(launcher).toAbsolutePath().getParent().getParent();
        String base = System.getenv().getOrDefault("H2REC_HOME", System.getProperty("user.home") + "/.h2rec");
        this.home = Path.of(opts.getOrDefault("home", base + "/chaos"));
        this.dataset = Path.of(opts.getOrDefault("dataset", root.resolve("../shared/data/movielens-100k").normalize().toString()));
        this.out = Path.of(opts.getOrDefault("out", root.resolve("docs/results/reliability.csv").toString()));
        this.epochs = Integer.parseInt(opts.getOrDefault("epochs", "30"));
        this.only = opts.containsKey("only") ? Set.of(opts.get("only").split(",")) : Set.of();
        ports.put("quantizer-service", System.getenv().getOrDefault("H2REC_QUANTIZER_PORT", "8082"));
        ports.put("training-service", System.getenv().getOrDefault("H2REC_TRAINING_PORT", "8081"));
        ports.put("serving-service", System.getenv().getOrDefault("H2REC_SERVING_HTTP_PORT", "8080"));
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--help") || args[i].equals("-h")) {
                System.out.println("""
                        deploy/h2rec chaos [--dataset PATH] [--epochs N] [--out CSV] [--home DIR] [--only a,b]
                          Fault injection on loopback: kill -9 and SIGTERM of each service mid-work (restarted
                          under another owner id), PostgreSQL SIGSTOP 60 s and kill -9 mid-run, its supervisor
                          killed, double start, a stale pid file, quantizer option abuse, concurrent identical
                          creates, an over-budget config, hostile input. Writes one row per scenario
                          (scenario,fault,expected,observed,pass) to --out (default docs/results/reliability.csv).
                          Runs in --home (default $H2REC_HOME/chaos, wiped first) on the ports of
                          H2REC_*_PORT; --dataset defaults to ../shared/data/movielens-100k; --epochs (30)
                          sizes the training runs that get interrupted. Exit status 1 when a scenario fails.""");
                return;
            }
            if (args[i].startsWith("--") && i + 1 < args.length) {
                opts.put(args[i].substring(2), args[++i]);
            }
        }
        Chaos c = new Chaos(args[0], opts);
        int failed = c.run();
        System.exit(failed == 0 ? 0 : 1);
    }

    int run() throws Exception {
        long t0 = System.nanoTime();
        say("home " + home + ", dataset " + dataset + ", " + epochs + "-epoch runs, leases " + LEASE + " s");
        launcher("stop");
        deleteTree(home);
        Files.createDirectories(home);
        check(launcher("start") == 0, "the services did not start: see " + home.resolve("logs"));
        setUp();
        scenario("baseline-run", this::baseline);
        scenario("training-kill9-mid-run", () -> trainingKilled(false));
        scenario("training-sigterm-mid-run", () -> trainingKilled(true));
        scenario("training-orphan-cancel", this::orphanCancel);
        scenario("postgres-sigstop-60s-mid-run", this::postgresStopped);
        scenario("postgres-kill9-mid-run", this::postgresKilled);
        scenario("db-supervisor-kill9", this::supervisorKilled);
        scenario("quantizer-kill9-mid-job", () -> quantizerKilled(false));
        scenario("quantizer-sigterm-mid-job", () -> quantizerKilled(true));
        scenario("quantizer-option-abuse", this::optionAbuse);
        scenario("quantizer-degenerate-codebook", this::degenerate);
        scenario("serving-kill9-loaded", () -> servingKilled(false));
        scenario("serving-sigterm-loaded", () -> servingKilled(true));
        scenario("double-start", this::doubleStart);
        scenario("stale-pid-file", this::stalePidFile);
        scenario("concurrent-identical-creates", this::concurrentCreates);
        scenario("over-budget-config", this::overBudget);
        scenario("hostile-input-sweep", this::hostileInput);
        scenario("final-consistency", this::consistency);
        launcher("stop");
        writeCsv();
        long failed = results.stream().filter(r -> !r.pass).count();
        say(String.format("%d scenarios, %d passed, %d failed, %.1f min; %s", results.size(), results.size() - failed,
                failed, (System.nanoTime() - t0) / 60e9, out));
        return (int) failed;
    }

    // ---- the scenarios; each returns its row (its own expected/observed text) ----

    interface Scenario {
        Result run() throws Exception;
    }

    void scenario(String name, Scenario s) {
        if (!only.isEmpty() && !only.contains(name) && !name.equals("baseline-run")) {
            return;
        }
        say("scenario " + name);
        Result r;
        try {
            r = s.run();
        } catch (Exception | AssertionError e) {
            r = new Result(name, "?", "?", "harness error: " + e, false);
        }
        r = new Result(name, r.fault, r.expected, r.observed, r.pass);
        results.add(r);
        say((r.pass ? "  PASS " : "  FAIL ") + r.observed);
    }

    void setUp() throws Exception {
        Resp d = post("training-service", "/api/v1/datasets", Map.of("location", dataset.toString()));
        check(d.status == 201 || d.status == 200, "dataset: " + d.raw);
        ids.put("dataset", d.at("id").asText());
        Resp e = post("training-service", "/api/v1/experiments", Map.of("name", "chaos-sasrec", "datasetId",
                d.at("id").asLong(), "model", "sasrec", "params", Map.of("epochs", String.valueOf(epochs),
                        "patience", "1000"), "seeds", List.of(7)));
        check(e.status == 201, "experiment: " + e.raw);
        ids.put("experiment", e.at("id").asText());
    }

    Result baseline() throws Exception {
        long run = startRun(false);
        Resp done = awaitRun(run, Set.of("SUCCEEDED", "FAILED", "CANCELLED", "INTERRUPTED"), 40L * epochs + 120);
        ids.put("baseline", String.valueOf(run));
        List<JsonNode> metrics = metrics(run);
        // Serving gets the baseline's model for its scenarios.
        Resp versions = get("training-service", "/api/v1/models");
        for (JsonNode v : versions.body) {
            if (v.path("runId").asLong() == run) {
                post("training-service", "/api/v1/models/" + v.path("id").asLong() + "/activate", null);
            }
        }
        boolean ok = done.at("status").asText().equals("SUCCEEDED") && metrics.size() > 100;
        return new Result("", "none (the reference run: seed 7, " + epochs + " epochs, uninterrupted)",
                "SUCCEEDED with metrics", done.at("status").asText() + ", " + metrics.size() + " metric values", ok);
    }

    /** kill -9 or SIGTERM of training-service mid-run; restarted under another owner id; the run resumed. */
    Result trainingKilled(boolean graceful) throws Exception {
        long run = startRun(true);
        awaitEpoch(run, 3);
        long pid = pid("training-service");
        long t = System.nanoTime();
        signal(pid, graceful ? "TERM" : "KILL");
        waitFor(() -> !alive(pid), 90);
        double exitSeconds = (System.nanoTime() - t) / 1e9;
        restart("training-service");
        long limit = 2 * LEASE + 30;
        Resp r = awaitRun(run, Set.of("INTERRUPTED", "SUCCEEDED", "FAILED", "CANCELLED"), limit);
        String why = r.at("error").asText();
        boolean interrupted = r.at("status").asText().equals("INTERRUPTED")
                && (graceful ? why.contains("shut down") && why.contains("checkpoint at epoch") : why.contains("lease"));
        Resp resumed = post("training-service", "/api/v1/runs/" + run + "/resume", null);
        Resp end = awaitRun(run, Set.of("SUCCEEDED", "FAILED", "CANCELLED", "INTERRUPTED"), 40L * epochs + 120);
        boolean same = metrics(run).equals(metrics(Long.parseLong(ids.get("baseline"))));
        String owner = end.at("owner").asText();
        boolean pass = interrupted && resumed.status == 202 && end.at("status").asText().equals("SUCCEEDED") && same
                && owner.startsWith("chaos-pod-");
        return new Result("", (graceful ? "SIGTERM" : "kill -9") + " of training-service at epoch >= 3; restarted as "
                + "another host (owner id chaos-pod-N); POST /runs/{id}/resume",
                "INTERRUPTED within 2 leases" + (graceful ? " by the service itself, with a checkpoint" : "")
                        + "; resume ends SUCCEEDED with the baseline's metrics",
                String.format("exited in %.1f s; %s (%s); resume %d; %s under %s; metrics %s the baseline's",
                        exitSeconds, r.at("status").asText(), brief(why), resumed.status, end.at("status").asText(),
                        owner, same ? "equal to" : "DIFFERENT from"), pass);
    }

    /** A run whose owner died is cancelled: the cancel is honoured once the lease expires. */
    Result orphanCancel() throws Exception {
        long run = startRun(true);
        awaitEpoch(run, 2);
        long pid = pid("training-service");
        signal(pid, "KILL");
        waitFor(() -> !alive(pid), 30);
        restart("training-service");
        Resp cancel = post("training-service", "/api/v1/runs/" + run + "/cancel", null);
        Resp r = awaitRun(run, Set.of("CANCELLED"), 2 * LEASE + 30);
        boolean pass = cancel.status == 200 && cancel.at("cancelled").asBoolean()
                && r.at("status").asText().equals("CANCELLED");
        return new Result("", "kill -9 of training-service mid-run, then POST /runs/{id}/cancel on the replacement",
                "the orphan ends CANCELLED within 2 leases", "cancel " + cancel.at("outcome").asText() + "; "
                + r.at("status").asText(), pass);
    }

    /** PostgreSQL (postmaster and every backend) SIGSTOPped for 60 s mid-run. */
    Result postgresStopped() throws Exception {
        long run = startRun(true);
        awaitEpoch(run, 2);
        List<Long> pg = postgresProcesses();
        signal(pg, "STOP");
        Thread.sleep(60_000);
        signal(pg, "CONT");
        long t = System.nanoTime();
        Resp r = awaitRun(run, Set.of("INTERRUPTED", "SUCCEEDED", "FAILED", "CANCELLED"), 2 * LEASE + 30);
        double after = (System.nanoTime() - t) / 1e9;
        boolean interrupted = r.at("status").asText().equals("INTERRUPTED");
        Resp resumed = post("training-service", "/api/v1/runs/" + run + "/resume", null);
        Resp end = awaitRun(run, Set.of("SUCCEEDED", "FAILED", "CANCELLED", "INTERRUPTED"), 40L * epochs + 120);
        boolean same = metrics(run).equals(metrics(Long.parseLong(ids.get("baseline"))));
        boolean pass = interrupted && after <= 2 * LEASE + 5 && end.at("status").asText().equals("SUCCEEDED") && same;
        return new Result("", "SIGSTOP of PostgreSQL (" + pg.size() + " processes) for 60 s at epoch >= 2, then SIGCONT",
                "the owner stops at its lease; the run is INTERRUPTED (not RUNNING) within 2 leases of the database's "
                        + "return; resume ends with the baseline's metrics",
                String.format("%s %.0f s after SIGCONT (%s); resume %d; %s; metrics %s", r.at("status").asText(), after,
                        brief(r.at("error").asText()), resumed.status, end.at("status").asText(),
                        same ? "equal" : "DIFFERENT"), pass);
    }

    /** kill -9 of the postmaster mid-run: the supervisor brings it back on the same port. */
    Result postgresKilled() throws Exception {
        String port = Files.readString(home.resolve("postgres.port")).trim();
        long run = startRun(true);
        awaitEpoch(run, 2);
        long pm = postmaster();
        signal(pm, "KILL");
        long t = System.nanoTime();
        waitFor(() -> get("training-service", "/api/v1/runs/" + run).status == 200, 60);
        double back = (System.nanoTime() - t) / 1e9;
        Resp end = awaitRun(run, Set.of("SUCCEEDED", "FAILED", "CANCELLED", "INTERRUPTED"), 40L * epochs + 120);
        if (end.at("status").asText().equals("INTERRUPTED")) {
            post("training-service", "/api/v1/runs/" + run + "/resume", null);
            end = awaitRun(run, Set.of("SUCCEEDED", "FAILED", "CANCELLED"), 40L * epochs + 120);
        }
        boolean same = metrics(run).equals(metrics(Long.parseLong(ids.get("baseline"))));
        String portAfter = String.valueOf(postmasterPort());
        boolean pass = end.at("status").asText().equals("SUCCEEDED") && same && port.equals(portAfter) && postmaster() != pm;
        return new Result("", "kill -9 of the PostgreSQL postmaster at epoch >= 2",
                "restarted by its supervisor on the same port; services reconnect; the run ends SUCCEEDED "
                        + "(resumed if it was interrupted) with the baseline's metrics",
                String.format("API answered again after %.1f s; port %s -> %s; %s; metrics %s", back, port, portAfter,
                        end.at("status").asText(), same ? "equal" : "DIFFERENT"), pass);
    }

    /** kill -9 of the database supervisor: PostgreSQL keeps serving; status says so; start adopts it. */
    Result supervisorKilled() throws Exception {
        long sup = pid("db");
        long pm = postmaster();
        signal(sup, "KILL");
        waitFor(() -> !alive(sup), 30);
        String status = launcherOutput("status");
        boolean served = get("training-service", "/api/v1/experiments").status == 200;
        int rc = launcher("start");
        String after = launcherOutput("status");
        boolean pass = status.contains("WITHOUT its supervisor") && served && rc == 0 && postmaster() == pm
                && after.startsWith("db: running (supervisor pid");
        return new Result("", "kill -9 of the database supervisor JVM",
                "PostgreSQL keeps serving; status reports it unsupervised; start adopts it (same postmaster, no second one)",
                "status: " + firstLine(status) + "; API " + (served ? "up" : "DOWN") + "; start " + rc + "; then: "
                        + firstLine(after), pass);
    }

    /** kill -9 or SIGTERM of the quantizer mid-job: the job is INTERRUPTED, restarts, and cancels in seconds. */
    Result quantizerKilled(boolean graceful) throws Exception {
        int codebooks = get("quantizer-service", "/api/v1/codebooks").body.size();
        Resp job = post("quantizer-service", "/api/v1/quantizations", Map.of("datasetId",
                Long.parseLong(ids.get("dataset")), "quantizer", "rqvae", "levels", 2, "codebookSize", 16,
                "options", Map.of("epochs", "10000")));
        long id = job.at("id").asLong();
        waitFor(() -> get("quantizer-service", "/api/v1/quantizations/" + id).at("stage").asText().contains("epoch"), 180);
        long pid = pid("quantizer-service");
        signal(pid, graceful ? "TERM" : "KILL");
        waitFor(() -> !alive(pid), 60);
        restart("quantizer-service");
        Resp r = awaitJob(id, Set.of("INTERRUPTED", "FAILED", "SUCCEEDED", "CANCELLED"), 2 * LEASE + 30);
        String why = r.at("error").asText();
        boolean interrupted = r.at("state").asText().equals("INTERRUPTED")
                && (graceful ? why.contains("shut down") : why.contains("lease"));
        Resp again = post("quantizer-service", "/api/v1/quantizations/" + id + "/restart", null);
        waitFor(() -> get("quantizer-service", "/api/v1/quantizations/" + id).at("stage").asText().contains("epoch"), 180);
        long t = System.nanoTime();
        Resp cancel = delete("quantizer-service", "/api/v1/quantizations/" + id);
        Resp end = awaitJob(id, Set.of("CANCELLED", "FAILED", "SUCCEEDED"), 30);
        double cancelSeconds = (System.nanoTime() - t) / 1e9;
        int after = get("quantizer-service", "/api/v1/codebooks").body.size();
        boolean pass = interrupted && again.status == 202 && cancel.status == 200
                && end.at("state").asText().equals("CANCELLED") && cancelSeconds < 10 && after == codebooks;
        return new Result("", (graceful ? "SIGTERM" : "kill -9") + " of quantizer-service mid RQ-VAE job; restarted as "
                + "another host; the job restarted, then cancelled",
                "INTERRUPTED within 2 leases; restart 202; cancel ends it within 10 s; no codebook committed",
                String.format("%s (%s); restart %d; CANCELLED in %.1f s; codebooks %d -> %d", r.at("state").asText(),
                        brief(why), again.status, cancelSeconds, codebooks, after), pass);
    }

    Result optionAbuse() throws Exception {
        long jobs = get("quantizer-service", "/api/v1/quantizations").body.size();
        String ds = ids.get("dataset");
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("{\"datasetId\": " + ds + ", \"quantizer\": \"rqvae\", \"options\": {\"code_dim\": \"0\"}}", "options.code_dim");
        cases.put("{\"datasetId\": " + ds + ", \"quantizer\": \"rqvae\", \"options\": {\"batch\": \"0\"}}", "options.batch");
        cases.put("{\"datasetId\": " + ds + ", \"quantizer\": \"rqvae\", \"options\": {\"lr\": \"NaN\"}}", "options.lr");
        cases.put("{\"datasetId\": " + ds + ", \"quantizer\": \"rqkmeans\", \"options\": {\"iterations\": \"0\"}}",
                "options.iterations");
        cases.put("{\"datasetId\": " + ds + ", \"levels\": 1.5}", "levels");
        cases.put("{\"datasetId\": " + ds + ", \"quantizer\": \"rqvae\", \"options\": {\"epochs\": \"-5\"}}", "options.epochs");
        List<String> seen = new ArrayList<>();
        boolean all = true;
        for (Map.Entry<String, String> c : cases.entrySet()) {
            Resp r = postRaw("quantizer-service", "/api/v1/quantizations", c.getKey());
            boolean ok = r.status == 400 && c.getValue().equals(r.at("field").asText()) && r.type.contains("problem+json");
            all &= ok;
            seen.add(r.status + " " + r.at("field").asText());
        }
        boolean alive = get("quantizer-service", "/q/health/live").status == 200;
        long after = get("quantizer-service", "/api/v1/quantizations").body.size();
        return new Result("", "code_dim 0, batch 0, lr NaN, iterations 0, levels 1.5, epochs -5",
                "each a 400 problem naming its option before any job exists; the JVM stays up",
                String.join("; ", seen) + "; jobs " + jobs + " -> " + after + "; live " + alive,
                all && alive && after == jobs);
    }

    Result degenerate() throws Exception {
        int codebooks = get("quantizer-service", "/api/v1/codebooks").body.size();
        Resp job = post("quantizer-service", "/api/v1/quantizations", Map.of("datasetId", Long.parseLong(ids.get("dataset")),
                "quantizer", "rqkmeans", "levels", 2, "codebookSize", 16, "minDistinctFraction", 1.0));
        Resp r = awaitJob(job.at("id").asLong(), Set.of("FAILED", "SUCCEEDED", "CANCELLED", "INTERRUPTED"), 300);
        int after = get("quantizer-service", "/api/v1/codebooks").body.size();
        boolean pass = r.at("state").asText().equals("FAILED") && r.at("error").asText().contains("degenerate")
                && after == codebooks;
        return new Result("", "a codebook that cannot tell items apart (16 x 16 tuples for the items, every tuple required)",
                "FAILED, nothing committed", r.at("state").asText() + " (" + brief(r.at("error").asText())
                + "); codebooks " + codebooks + " -> " + after, pass);
    }

    Result servingKilled(boolean graceful) throws Exception {
        boolean ready = waitFor(() -> get("serving-service", "/q/health/ready").status == 200, 120);
        long pid = pid("serving-service");
        long t = System.nanoTime();
        signal(pid, graceful ? "TERM" : "KILL");
        waitFor(() -> !alive(pid), 60);
        double exit = (System.nanoTime() - t) / 1e9;
        String status = launcherOutput("status");
        boolean saysStopped = status.contains("serving-service: stopped");
        restart("serving-service");
        boolean back = waitFor(() -> get("serving-service", "/q/health/ready").status == 200, 120);
        return new Result("", (graceful ? "SIGTERM" : "kill -9") + " of serving-service with a model loaded",
                "status reports it stopped; restarted, it is ready again with the active model",
                String.format("ready before %s; exited in %.1f s; status %s; ready after restart %s", ready, exit,
                        saysStopped ? "said stopped" : "DID NOT say stopped", back), ready && saysStopped && back);
    }

    Result doubleStart() throws Exception {
        long pid = pid("training-service");
        signal(pid, "KILL");
        waitFor(() -> !alive(pid), 30);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        Future<Integer> a = pool.submit(() -> launcher("start"));
        Future<Integer> b = pool.submit(() -> launcher("start"));
        int ra = a.get();
        int rb = b.get();
        pool.shutdown();
        String status = launcherOutput("status");
        // One pid per component: "(pid 123)" or "(supervisor pid 123, ...)", never "(pid 123 456)".
        boolean onePerComponent = status.lines().filter(l -> !l.startsWith("  "))
                .allMatch(l -> !l.matches(".*pid \\d+ \\d+.*")) && status.contains("training-service: running (pid ");
        boolean pass = ra == 0 && rb == 0 && onePerComponent;
        return new Result("", "two 'deploy/h2rec start' at once while training-service is down",
                "both succeed; exactly one process per component", "exit " + ra + " and " + rb + "; " + oneLine(status),
                pass);
    }

    Result stalePidFile() throws Exception {
        long pid = pid("training-service");
        signal(pid, "KILL");
        waitFor(() -> !alive(pid), 30);
        long me = ProcessHandle.current().pid();
        Files.writeString(home.resolve("run/training-service.pid"), me + " 12345\n");
        String status = launcherOutput("status");
        boolean truthful = status.contains("training-service: stopped") && status.contains("stale");
        restart("training-service");
        boolean live = get("training-service", "/q/health/live").status == 200;
        return new Result("", "training-service killed and its pid file pointing at another live process",
                "status says stopped (stale pid file); start starts it", firstLineOf(status, "training-service")
                + "; restarted live " + live, truthful && live);
    }

    Result concurrentCreates() throws Exception {
        String loc = dataset.toString();
        List<Resp> datasets = concurrently(() -> post("training-service", "/api/v1/datasets",
                Map.of("location", loc, "kCore", 6)));
        List<Resp> experiments = concurrently(() -> post("training-service", "/api/v1/experiments",
                Map.of("name", "chaos-concurrent", "datasetId", Long.parseLong(ids.get("dataset")), "model", "popular")));
        long exp = experiments.get(0).at("id").asLong();
        List<Resp> starts = concurrently(() -> post("training-service", "/api/v1/experiments/" + exp + "/runs",
                Map.of("seeds", List.of(3))));
        boolean ds = oneCreated(datasets, 201) && sameId(datasets, "id");
        boolean ex = oneCreated(experiments, 201) && sameId(experiments, "id");
        boolean rs = starts.stream().allMatch(r -> r.status == 200 || r.status == 202)
                && starts.stream().map(r -> r.body.path(0).path("id").asLong()).distinct().count() == 1;
        return new Result("", "8 identical POST /datasets, 8 identical POST /experiments, 8 starts of one seed, at once",
                "one 201 (202) and the same resource for the others; no 5xx",
                "datasets " + codes(datasets) + "; experiments " + codes(experiments) + "; runs " + codes(starts)
                        + " (distinct runs " + starts.stream().map(r -> r.body.path(0).path("id").asLong()).distinct().count() + ")",
                ds && ex && rs);
    }

    Result overBudget() throws Exception {
        Resp r = post("training-service", "/api/v1/experiments", Map.of("name", "chaos-too-big", "datasetId",
                Long.parseLong(ids.get("dataset")), "model", "sasrec", "params",
                Map.of("hidden", "1024", "max_len", "1000", "batch", "8192", "blocks", "12")));
        boolean pass = r.status == 400 && r.at("field").asText().equals("params")
                && r.at("estimateMb").asLong() > r.at("budgetMb").asLong();
        return new Result("", "hidden 1024, max_len 1000, batch 8192, 12 blocks (inside every single bound)",
                "400 with the estimate and the budget, before any run", r.status + ": estimate "
                + r.at("estimateMb").asLong() + " MiB, budget " + r.at("budgetMb").asLong() + " MiB", pass);
    }

    Result hostileInput() throws Exception {
        List<String[]> cases = List.of(
                new String[] {"training-service", "/api/v1/datasets", "{\"location\": \"a\\u0000b\"}"},
                new String[] {"training-service", "/api/v1/experiments", "{\"name\": \"" + "x".repeat(1_000_000) + "\"}"},
                new String[] {"training-service", "/api/v1/experiments", "{\"name\": \"n\", \"datasetId\": 1, \"model\": \"sasrec\", \"seeds\": [null]}"},
                new String[] {"training-service", "/api/v1/experiments", "{\"name\": \"n\", \"datasetId\": 1, \"model\": \"sasrec\", \"params\": {\"epochs\": null}}"},
                new String[] {"training-service", "/api/v1/experiments", "{\"name\": \"n\", \"datasetId\": 1.5}"},
                new String[] {"training-service", "/api/v1/experiments", "not json"},
                new String[] {"training-service", "/api/v1/experiments", ""},
                new String[] {"training-service", "/api/v1/experiments/1/runs", "{\"seeds\": [1e30]}"},
                new String[] {"quantizer-service", "/api/v1/quantizations", "{\"datasetId\": 1, \"levels\": 1.5}"},
                new String[] {"quantizer-service", "/api/v1/codebooks/1/items", "{\"item\": \"x\\u0000\", \"fields\": {\"title\": null}}"},
                new String[] {"quantizer-service", "/api/v1/quantizations", "[[[[[[[[[[[[[[[["},
                new String[] {"quantizer-service", "/api/v1/quantizations", "{\"dataset\": \"" + "y".repeat(100_000) + "\"}"});
        int fivexx = 0;
        int unnamed = 0;
        List<Integer> codes = new ArrayList<>();
        for (String[] c : cases) {
            Resp r = postRaw(c[0], c[1], c[2]);
            codes.add(r.status);
            fivexx += r.status >= 500 || r.status < 0 ? 1 : 0;
            unnamed += r.type.contains("problem+json") && !r.at("field").asText().isEmpty() ? 0 : 1;
        }
        return new Result("", "NUL bytes, a 1 MB name, nulls in lists and maps, 1.5 for integers, broken JSON, 1e30",
                "every answer a 4xx problem+json naming a field; no 5xx", "statuses " + codes + "; 5xx " + fivexx
                + "; without a field " + unnamed, fivexx == 0 && unnamed == 0);
    }

    /** After everything: nothing left RUNNING or QUEUED, every SUCCEEDED run and job complete. */
    Result consistency() throws Exception {
        long incomplete = 0;
        long runs = 0;
        long active = 0;
        for (JsonNode e : get("training-service", "/api/v1/experiments").body) {
            for (JsonNode r : get("training-service", "/api/v1/experiments/" + e.path("id").asLong() + "/runs").body) {
                runs++;
                String s = r.path("status").asText();
                if (s.equals("RUNNING") || s.equals("QUEUED")) {
                    active++;
                    post("training-service", "/api/v1/runs/" + r.path("id").asLong() + "/cancel", null);
                }
                if (s.equals("SUCCEEDED") && metrics(r.path("id").asLong()).size() < 100) {
                    incomplete++;
                }
            }
        }
        long jobs = 0;
        for (JsonNode j : get("quantizer-service", "/api/v1/quantizations").body) {
            jobs++;
            String s = j.path("state").asText();
            if (s.equals("RUNNING") || s.equals("QUEUED")) {
                active++;
                delete("quantizer-service", "/api/v1/quantizations/" + j.path("id").asLong());
            }
            if (s.equals("SUCCEEDED") && get("quantizer-service", "/api/v1/codebooks/" + j.path("codebookId").asLong()).status != 200) {
                incomplete++;
            }
        }
        Thread.sleep(2 * LEASE * 1000);
        long left = 0;
        for (JsonNode e : get("training-service", "/api/v1/experiments").body) {
            for (JsonNode r : get("training-service", "/api/v1/experiments/" + e.path("id").asLong() + "/runs").body) {
                left += r.path("status").asText().matches("RUNNING|QUEUED") ? 1 : 0;
            }
        }
        for (JsonNode j : get("quantizer-service", "/api/v1/quantizations").body) {
            left += j.path("state").asText().matches("RUNNING|QUEUED") ? 1 : 0;
        }
        return new Result("", "none: a final audit of every run and job",
                "after cancelling what is active and waiting 2 leases, nothing RUNNING or QUEUED; every SUCCEEDED run "
                        + "has its metrics and every SUCCEEDED job its codebook",
                runs + " runs, " + jobs + " jobs; active before the audit " + active + "; RUNNING/QUEUED after 2 leases "
                        + left + "; incomplete " + incomplete, left == 0 && incomplete == 0);
    }

    // ---- helpers ----

    long startRun(boolean force) throws Exception {
        Resp r = post("training-service", "/api/v1/experiments/" + ids.get("experiment") + "/runs",
                Map.of("seeds", List.of(7), "force", force));
        check(r.status == 202 || r.status == 200, "start run: " + r.raw);
        return r.body.path(0).path("id").asLong();
    }

    void awaitEpoch(long run, int epoch) throws Exception {
        check(waitFor(() -> get("training-service", "/api/v1/runs/" + run).at("progress").path("epoch").asInt() >= epoch,
                40L * epochs), "run " + run + " never reached epoch " + epoch);
    }

    Resp awaitRun(long run, Set<String> statuses, long seconds) throws Exception {
        Resp[] last = {null};
        waitFor(() -> {
            last[0] = get("training-service", "/api/v1/runs/" + run);
            return statuses.contains(last[0].at("status").asText());
        }, seconds);
        return last[0];
    }

    Resp awaitJob(long job, Set<String> states, long seconds) throws Exception {
        Resp[] last = {null};
        waitFor(() -> {
            last[0] = get("quantizer-service", "/api/v1/quantizations/" + job);
            return states.contains(last[0].at("state").asText());
        }, seconds);
        return last[0];
    }

    List<JsonNode> metrics(long run) {
        Resp r = get("training-service", "/api/v1/runs/" + run + "/metrics");
        List<JsonNode> out = new ArrayList<>();
        if (r.body != null && r.body.isArray()) {
            r.body.forEach(out::add);
        }
        return out;
    }

    /** Starts the missing services, each under a new owner id (a replaced pod on another host). */
    void restart(String service) throws Exception {
        restarts++;
        Map<String, String> env = Map.of("H2REC_TRAINING_OWNER_ID", "chaos-pod-" + restarts,
                "H2REC_QUANTIZER_OWNER_ID", "chaos-pod-" + restarts);
        check(launcher(env, "start") == 0, "restart of " + service + " failed");
    }

    long pid(String component) throws IOException {
        return Long.parseLong(Files.readString(home.resolve("run/" + component + ".pid")).trim().split("\\s+")[0]);
    }

    long postmaster() throws IOException {
        return Long.parseLong(Files.readAllLines(home.resolve("postgres/postmaster.pid")).get(0).trim());
    }

    int postmasterPort() throws IOException {
        return Integer.parseInt(Files.readAllLines(home.resolve("postgres/postmaster.pid")).get(3).trim());
    }

    List<Long> postgresProcesses() throws IOException {
        long pm = postmaster();
        List<Long> all = new ArrayList<>(List.of(pm));
        ProcessHandle.of(pm).ifPresent(h -> h.children().forEach(c -> all.add(c.pid())));
        return all;
    }

    static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    static void signal(long pid, String sig) throws Exception {
        signal(List.of(pid), sig);
    }

    static void signal(List<Long> pids, String sig) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("kill", "-" + sig));
        pids.forEach(p -> cmd.add(String.valueOf(p)));
        new ProcessBuilder(cmd).inheritIO().start().waitFor();
    }

    int launcher(String... args) throws Exception {
        return launcher(Map.of(), args);
    }

    int launcher(Map<String, String> extra, String... args) throws Exception {
        ProcessBuilder pb = launcherProcess(extra, args).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("chaos-launcher.log").toFile()));
        Process p = pb.start();
        if (!p.waitFor(15, java.util.concurrent.TimeUnit.MINUTES)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }

    String launcherOutput(String... args) throws Exception {
        Process p = launcherProcess(Map.of(), args).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes());
        p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS);
        return text;
    }

    ProcessBuilder launcherProcess(Map<String, String> extra, String... args) throws IOException {
        Files.createDirectories(home);
        List<String> cmd = new ArrayList<>(List.of(launcher));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Map<String, String> env = pb.environment();
        env.put("H2REC_HOME", home.toString());
        env.put("H2REC_TRAINING_LEDGER_DIR", home.resolve("runs").toString());
        env.put("H2REC_TRAINING_LEASE_SECONDS", String.valueOf(LEASE));
        env.put("H2REC_TRAINING_HEARTBEAT_SECONDS", String.valueOf(HEARTBEAT));
        env.put("H2REC_QUANTIZER_LEASE_SECONDS", String.valueOf(LEASE));
        env.put("H2REC_QUANTIZER_HEARTBEAT_SECONDS", String.valueOf(HEARTBEAT));
        env.put("H2REC_SERVING_POLL_INTERVAL", "2s");
        env.remove("H2REC_DB_URL");
        // Its own local key and tokens (under home/security), plain HTTP, and the dataset's folder as a data root.
        env.remove("H2REC_JWT_PUBLIC_KEY");
        env.remove("H2REC_TLS_CERT");
        env.remove("H2REC_TLS_KEY");
        env.put("H2REC_DATA_ROOTS", dataset.toAbsolutePath().getParent() + "," + home.resolve("data"));
        env.putAll(extra);
        return pb;
    }

    Resp get(String service, String path) {
        return call(service, "GET", HttpRequest.newBuilder().GET(), path);
    }

    Resp delete(String service, String path) {
        return call(service, "DELETE", HttpRequest.newBuilder().DELETE(), path);
    }

    Resp post(String service, String path, Object body) throws IOException {
        return postRaw(service, path, body == null ? null : JSON.writeValueAsString(body));
    }

    Resp postRaw(String service, String path, String body) {
        HttpRequest.Builder b = body == null ? HttpRequest.newBuilder().POST(HttpRequest.BodyPublishers.noBody())
                : HttpRequest.newBuilder().header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        return call(service, "POST", b, path);
    }

    Resp call(String service, String method, HttpRequest.Builder b, String path) {
        try {
            token(method, path).ifPresent(t -> b.header("Authorization", "Bearer " + t));
            HttpResponse<String> r = HTTP.send(b.uri(URI.create("http://localhost:" + ports.get(service) + path))
                    .timeout(Duration.ofSeconds(15)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = null;
            try {
                json = r.body().isEmpty() ? null : JSON.readTree(r.body());
            } catch (IOException notJson) {
                // left null
            }
            return new Resp(r.statusCode(), json, r.body(), r.headers().firstValue("Content-Type").orElse(""));
        } catch (IOException | InterruptedException e) {
            return new Resp(-1, null, e.toString(), "");
        }
    }

    /**
     * The launcher's local token (docs/security.md) of the least role that may make this call: reads as
     * viewer; activations, quantizations and cold-start items as operator; datasets, experiments and runs
     * as experimenter. Read at every call: each start re-mints the tokens (the key stays).
     */
    Optional<String> token(String method, String path) throws IOException {
        String role = method.equals("GET") ? "viewer"
                : path.startsWith("/api/v1/quantizations") || path.startsWith("/api/v1/codebooks")
                || path.matches("/api/v1/models/\\d+/activate") ? "operator" : "experimenter";
        Path file = home.resolve("security/tokens/" + role + ".jwt");
        return Files.exists(file) ? Optional.of(Files.readString(file).trim()) : Optional.empty();
    }

    List<Resp> concurrently(Callable<Resp> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Resp>> futures = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                futures.add(pool.submit(call));
            }
            List<Resp> out = new ArrayList<>();
            for (Future<Resp> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    static boolean oneCreated(List<Resp> rs, int created) {
        return rs.stream().filter(r -> r.status == created).count() == 1
                && rs.stream().allMatch(r -> r.status == created || r.status == 200);
    }

    static boolean sameId(List<Resp> rs, String field) {
        return rs.stream().map(r -> r.at(field).asLong()).distinct().count() == 1;
    }

    static String codes(List<Resp> rs) {
        return rs.stream().map(r -> String.valueOf(r.status)).toList().toString();
    }

    /** Polls every second for at most {@code seconds}. */
    static boolean waitFor(BooleanSupplier condition, long seconds) throws InterruptedException {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(1000);
        }
        return condition.getAsBoolean();
    }

    static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalStateException(message);
        }
    }

    static String brief(String s) {
        return s == null ? "" : s.length() > 110 ? s.substring(0, 110) + "..." : s;
    }

    static String firstLine(String s) {
        return s.lines().findFirst().orElse("");
    }

    static String firstLineOf(String s, String prefix) {
        return s.lines().filter(l -> l.startsWith(prefix)).findFirst().orElse("") + (s.contains("stale") ? " (stale pid file noted)" : "");
    }

    static String oneLine(String s) {
        return String.join(" | ", s.lines().filter(l -> !l.startsWith("  ")).toList());
    }

    void writeCsv() throws IOException {
        StringBuilder sb = new StringBuilder("scenario,fault,expected,observed,pass\n");
        for (Result r : results) {
            sb.append(csv(r.scenario)).append(',').append(csv(r.fault)).append(',').append(csv(r.expected)).append(',')
                    .append(csv(r.observed)).append(',').append(r.pass).append('\n');
        }
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, sb.toString());
    }

    static String csv(String s) {
        return "\"" + s.replace("\"", "\"\"").replace('\n', ' ') + "\"";
    }

    static void say(String s) {
        System.out.println("[chaos " + Instant.now().toString().substring(11, 19) + "] " + s);
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
