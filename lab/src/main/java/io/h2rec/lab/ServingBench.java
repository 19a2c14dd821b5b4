package io.h2rec.lab;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.h2rec.adapter.in.cli.Checked;
import io.h2rec.adapter.in.cli.Inputs;
import io.h2rec.adapter.out.dataset.DatasetInputs;
import io.h2rec.adapter.out.results.ResultsCsv;
import io.h2rec.proto.serving.v1.GetModelRequest;
import io.h2rec.proto.serving.v1.RankRequest;
import io.h2rec.proto.serving.v1.RankingServiceGrpc;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The serving benchmark, as a client sees the service: a separate process sending real histories
 * over gRPC at fixed rates (open loop), the test split's histories as they are and a worst case of
 * 50-item histories; then the capacity (closed loop below the queue limit) and 2x that capacity for
 * a minute (open loop again). Per scenario: p50/p99/p99.9 from each request's scheduled send time, errors by status,
 * the server process's CPU time per answered ranking and its resident memory, read from /proc.
 */
@Command(name = "bench", aliases = "serving", mixinStandardHelpOptions = true,
        description = "Benchmark serving-service from outside: latency, errors, CPU per ranking, RSS; write serving.csv.")
final class ServingBench implements Callable<Integer>, Checked {
    static final List<String> HEADER = List.of("scenario", "histories", "mean_history", "target_rps", "sent_rps",
            "goodput_rps", "p50_ms", "p99_ms", "p999_ms", "ok", "errors", "cpu_ms_per_ranking", "server_rss_mb", "note");

    @Option(names = "--target", description = "gRPC address of serving (default: ${DEFAULT-VALUE}).",
            defaultValue = "localhost:${env:H2REC_SERVING_GRPC_PORT:-9090}")
    String target;
    @Option(names = "--server-pid", defaultValue = "0",
            description = "Process id of serving-service (CPU time and RSS from /proc); default: whichever listens on the target port.")
    long pid;
    @Option(names = "--dataset", paramLabel = "PATH", defaultValue = "${env:H2REC_DATASET:-../shared/data/amazon-beauty}",
            description = "Histories from this dataset's test split (default: ${DEFAULT-VALUE}).")
    String dataset;
    @Option(names = "--rates", split = ",", defaultValue = "500,1000",
            description = "Fixed rates with test-split histories (default: ${DEFAULT-VALUE}).")
    List<Integer> rates;
    @Option(names = "--full-rates", split = ",", defaultValue = "500",
            description = "Fixed rates with 50-item histories (default: ${DEFAULT-VALUE}).")
    List<Integer> fullRates;
    @Option(names = "--seconds", defaultValue = "30", description = "Seconds per fixed-rate scenario (default: ${DEFAULT-VALUE}).")
    int seconds;
    @Option(names = "--overload-seconds", defaultValue = "60",
            description = "Seconds at 2x the measured capacity; 0 skips the overload (default: ${DEFAULT-VALUE}).")
    int overloadSeconds;
    @Option(names = "--outstanding", defaultValue = "16",
            description = "Requests kept outstanding while measuring the capacity (closed loop); below the server's "
                    + "smallest queue limit (2 workers x max-micro-batch), so none is refused (default: ${DEFAULT-VALUE}).")
    int outstanding;
    @Option(names = "--k", defaultValue = "10", description = "Items per ranking (default: ${DEFAULT-VALUE}).")
    int k;
    @Option(names = "--deadline-ms", defaultValue = "0",
            description = "Deadline of each request; 0: none, the server's default applies (default: ${DEFAULT-VALUE}).")
    long deadlineMs;
    @Option(names = "--channels", defaultValue = "4", description = "HTTP/2 connections (default: ${DEFAULT-VALUE}).")
    int channels;
    @Option(names = "--note", defaultValue = "", description = "Written to every row (e.g. what else ran on the machine).")
    String note;
    @Option(names = "--swap-to", defaultValue = "0",
            description = "Activate this model version during a 20 s run at 500 rps and time its arrival; 0 skips it.")
    long swapTo;
    @Option(names = "--training", defaultValue = "http://localhost:${env:H2REC_TRAINING_PORT:-8081}",
            description = "The training service, which activates versions (default: ${DEFAULT-VALUE}).")
    String training;
    @Option(names = "--results", paramLabel = "CSV", defaultValue = "docs/results/serving.csv",
            description = "Write the rows here, replacing the file's rows (default: ${DEFAULT-VALUE}).")
    Path results;

    PrintStream out = System.out;

    @Override
    public void check() {
        Inputs.atLeast("--k", k, 1);
        Inputs.atLeast("--seconds", seconds, 1);
        Inputs.atLeast("--overload-seconds", overloadSeconds, 0);
        Inputs.atLeast("--channels", channels, 1);
        Inputs.atLeast("--outstanding", outstanding, 1);
        Inputs.atLeast("--deadline-ms", deadlineMs, 0);
        rates.forEach(r -> Inputs.atLeast("--rates", r, 1));
        fullRates.forEach(r -> Inputs.atLeast("--full-rates", r, 1));
        Channels.checkTarget("--target", target);
        DatasetInputs.dataset(dataset);
        if (!training.matches("https?://[^/\\s]+(:\\d+)?/?")) {
            throw new IllegalArgumentException("--training must be the training service's URL, http://HOST:PORT, got '"
                    + training + "'");
        }
        if (Files.exists(results)) {
            try {
                ResultsCsv.read(results, HEADER);   // its rows are replaced; another table's file is not
            } catch (IllegalArgumentException other) {
                throw new IllegalArgumentException("--results " + results + " is not this bench's table ("
                        + other.getMessage() + "); remove it or pass another file");
            }
        }
    }

    @Override
    public Integer call() throws Exception {
        check();
        ServerProcess server = pid > 0 ? new ServerProcess(pid)
                : ServerProcess.listeningOn(Integer.parseInt(target.substring(target.lastIndexOf(':') + 1)));
        pid = server.pid();
        List<List<String>> test = Histories.testSplit(dataset);
        List<List<String>> full = Histories.windows(test, 50);
        List<ManagedChannel> open = new ArrayList<>();
        for (int c = 0; c < channels; c++) {
            open.add(Channels.open(target));
        }
        try {
            String serving = awaitServing(open.get(0));
            if (swapTo > 0 && String.valueOf(swapTo).equals(serving)) {
                throw new IllegalArgumentException("--swap-to " + swapTo + " is the version serving already answers with,"
                        + " so the swap would measure nothing: name another version");
            }
            OpenLoop testLoad = new OpenLoop(open, requests(test), deadlineMs);
            OpenLoop fullLoad = new OpenLoop(open, requests(full), deadlineMs);
            out.printf("%s: %,d test histories (mean %.1f items), %,d of 50 items; k=%d; %d cores here; server pid %d, %.0f MiB%n",
                    dataset, test.size(), Histories.meanLength(test), full.size(), k,
                    Runtime.getRuntime().availableProcessors(), pid, server.rssMb());
            testLoad.run(300, 10);   // warm-up, not recorded
            fullLoad.run(300, 10);
            List<Map<String, String>> rows = new ArrayList<>();
            for (int rate : rates) {
                rows.add(measure("fixed-rate", "test split", test, String.valueOf(rate), server, () -> testLoad.run(rate, seconds)));
            }
            for (int rate : fullRates) {
                rows.add(measure("fixed-rate", "50 items", full, String.valueOf(rate), server, () -> fullLoad.run(rate, seconds)));
            }
            Map<String, String> capacity = measure("capacity", "50 items", full,
                    "closed loop, " + outstanding + " outstanding", server, () -> fullLoad.saturate(outstanding, seconds));
            rows.add(capacity);
            if (overloadSeconds > 0) {
                double cap = Double.parseDouble(capacity.get("goodput_rps"));
                double before = server.rssMb();
                Map<String, String> over = measure("2x capacity", "50 items", full, String.valueOf(Math.round(2 * cap)),
                        server, () -> fullLoad.run(2 * cap, overloadSeconds));
                Thread.sleep(10_000);
                double after = server.rssMb();
                over.put("note", String.format(Locale.ROOT, "goodput %.0f%% of capacity; RSS %.0f MiB before, %.0f MiB 10 s after%s",
                        100 * Double.parseDouble(over.get("goodput_rps")) / cap, before, after,
                        note.isEmpty() ? "" : "; " + note));
                rows.add(over);
                out.println("  " + over.get("note"));
            }
            if (swapTo > 0) {
                HotSwap swap = new HotSwap(training, swapTo);
                Thread activation = swap.activateAfter(5_000);
                Map<String, String> row = measure("hot swap", "test split", test, "500", server,
                        () -> testLoad.run(500, 20, swap.watcher()));
                activation.join();
                if (swap.failure() != null) {
                    throw new IllegalStateException("activating model version " + swapTo + " through " + training
                            + " failed (" + swap.failure() + "); the other rows are not written");
                }
                row.put("note", fmt("model version %.0f", swapTo) + fmt(" answered %.0f ms after its activation "
                        + "committed", swap.millis()) + (note.isEmpty() ? "" : "; " + note));
                rows.add(row);
                out.println("  " + row.get("note"));
            }
            ResultsCsv.replaceRows(results, HEADER, r -> true, rows);
            out.printf("wrote %s%n", results);
            return 0;
        } finally {
            for (ManagedChannel c : open) {
                c.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        }
    }

    private interface Scenario {
        OpenLoop.Outcome run() throws InterruptedException;
    }

    private Map<String, String> measure(String scenario, String kind, List<List<String>> histories, String target,
                                        ServerProcess server, Scenario run) throws InterruptedException {
        double cpu0 = server.cpuSeconds();
        OpenLoop.Outcome o = run.run();
        double cpu = server.cpuSeconds() - cpu0;
        Map<String, String> r = new LinkedHashMap<>();
        r.put("scenario", scenario);
        r.put("histories", kind);
        r.put("mean_history", fmt("%.1f", Histories.meanLength(histories)));
        r.put("target_rps", target);
        r.put("sent_rps", fmt("%.0f", o.sent() / o.seconds()));
        r.put("goodput_rps", fmt("%.0f", o.ok() / o.seconds()));
        r.put("p50_ms", fmt("%.2f", o.percentileMs(50)));
        r.put("p99_ms", fmt("%.2f", o.percentileMs(99)));
        r.put("p999_ms", fmt("%.2f", o.percentileMs(99.9)));
        r.put("ok", String.valueOf(o.ok()));
        r.put("errors", o.errors().isEmpty() ? "0" : o.errors().entrySet().stream()
                .map(e -> e.getKey() + ":" + e.getValue()).collect(Collectors.joining(" ")));
        // A server that exited during the scenario (killed under load) leaves its counts, not its CPU or memory.
        boolean exited = Double.isNaN(cpu);
        r.put("cpu_ms_per_ranking", o.ok() == 0 || exited ? "" : fmt("%.3f", cpu * 1000 / o.ok()));
        double rss = server.rssMb();
        r.put("server_rss_mb", Double.isNaN(rss) ? "" : fmt("%.0f", rss));
        r.put("note", exited || Double.isNaN(rss) ? (note.isEmpty() ? "" : note + "; ") + "server exited during the scenario"
                : note);
        out.println(r);
        return r;
    }

    private List<RankRequest> requests(List<List<String>> histories) {
        return histories.stream().map(h -> RankRequest.newBuilder().setK(k).addAllHistory(h).build()).toList();
    }

    /** Until serving answers GetModel (a model version is loaded), at most 5 minutes: the version it serves. */
    private String awaitServing(ManagedChannel channel) throws InterruptedException {
        var stub = RankingServiceGrpc.newBlockingStub(channel);
        long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (true) {
            try {
                var model = stub.withDeadlineAfter(2, TimeUnit.SECONDS).getModel(GetModelRequest.getDefaultInstance());
                out.printf("serving model version %s (%s, %,d items)%n", model.getModelVersion(), model.getModelType(),
                        model.getNumItems());
                return model.getModelVersion();
            } catch (StatusRuntimeException notYet) {
                if (System.nanoTime() > end) {
                    throw new IllegalStateException("serving at " + target + " answers nothing after 5 minutes: "
                            + notYet.getStatus(), notYet);
                }
            }
            Thread.sleep(500);
        }
    }

    static String fmt(String pattern, double v) {
        return String.format(Locale.ROOT, pattern, v);
    }
}
