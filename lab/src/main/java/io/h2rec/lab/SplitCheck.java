package io.h2rec.lab;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.h2rec.adapter.in.cli.Checked;
import io.h2rec.adapter.in.cli.Inputs;
import io.h2rec.adapter.out.dataset.DatasetInputs;
import io.h2rec.proto.serving.v1.RankRequest;
import io.h2rec.proto.serving.v1.RankResponse;
import io.h2rec.proto.serving.v1.RankingServiceGrpc;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A deployment's traffic split as clients see it: every user of a test split ranked twice with its own
 * user key (closed loop, a few clients), counting which alias and version answered each, whether any
 * user met another alias the second time, the latency per variant, and optionally an alias moved
 * during the second pass (time from the committed move to the new version's first answer; no request
 * may fail). Needs serving running with a deployment (docs/serving.md, "Aliases and traffic splits").
 */
@Command(name = "split", mixinStandardHelpOptions = true,
        description = "Check a deployment's traffic split from outside: shares, stickiness, latency per variant, an alias move.")
final class SplitCheck implements java.util.concurrent.Callable<Integer>, Checked {
    @Option(names = "--target", description = "gRPC address of serving (default: ${DEFAULT-VALUE}).",
            defaultValue = "localhost:${env:H2REC_SERVING_GRPC_PORT:-9090}")
    String target;
    @Option(names = "--dataset", paramLabel = "PATH", defaultValue = "${env:H2REC_DATASET:-../shared/data/amazon-beauty}",
            description = "Users and histories from this dataset's test split (default: ${DEFAULT-VALUE}).")
    String dataset;
    @Option(names = "--users", defaultValue = "5000", description = "Users ranked, each twice (default: ${DEFAULT-VALUE}).")
    int users;
    @Option(names = "--clients", defaultValue = "4", description = "Requests outstanding (default: ${DEFAULT-VALUE}).")
    int clients;
    @Option(names = "--move", paramLabel = "ALIAS=VERSION",
            description = "Point ALIAS at VERSION halfway through the second pass (needs H2REC_OPERATOR_TOKEN).")
    String move;
    @Option(names = "--training", defaultValue = "http://localhost:${env:H2REC_TRAINING_PORT:-8081}",
            description = "The training service, which moves aliases (default: ${DEFAULT-VALUE}).")
    String training;

    PrintStream out = System.out;
    /** Requests sent after the second pass while waiting for a moved alias's new version, by outcome. */
    private final Map<String, Integer> afterPass = new java.util.concurrent.ConcurrentSkipListMap<>();

    /** One answer: the alias and version that gave it and its latency, or the status that refused it. */
    private record Answer(String alias, String version, long nanos, String error) {
    }

    @Override
    public void check() {
        Inputs.atLeast("--users", users, 1);
        Inputs.atLeast("--clients", clients, 1);
        Channels.checkTarget("--target", target);
        if (move != null && !move.matches("[a-z][a-z0-9_-]{0,62}=\\d+")) {
            throw new IllegalArgumentException("--move must be ALIAS=VERSION, e.g. challenger=7, got '" + move + "'");
        }
        DatasetInputs.dataset(dataset);
    }

    @Override
    public Integer call() throws Exception {
        check();
        List<List<String>> histories = Histories.testSplit(dataset);
        int n = Math.min(users, histories.size());
        ManagedChannel channel = Channels.open(target);
        try {
            RankingServiceGrpc.RankingServiceBlockingStub stub = RankingServiceGrpc.newBlockingStub(channel);
            Answer[] first = pass(stub, histories, n, null);
            HotSwap moved = move == null ? null : HotSwap.aliasMove(training, move.substring(0, move.indexOf('=')),
                    Long.parseLong(move.substring(move.indexOf('=') + 1)));
            Answer[] second = pass(stub, histories, n, moved);
            out.printf(Locale.ROOT, "split check of %s: %,d users of %s's test split, each twice, %d clients%n",
                    target, n, dataset, clients);
            report(first, "first pass");
            report(second, "second pass");
            int changed = 0;
            for (int u = 0; u < n; u++) {
                if (first[u].error() == null && second[u].error() == null && !first[u].alias().equals(second[u].alias())) {
                    changed++;
                }
            }
            out.printf(Locale.ROOT, "sticky: %d of %,d users met another alias the second time%n", changed, n);
            if (moved != null) {
                out.printf(Locale.ROOT, "moved %s during the second pass: %s; requests after the pass until it "
                        + "answered: %s%n", move, moved.failure() != null ? "FAILED: " + moved.failure()
                        : moved.millis() < 0 ? "the new version did not answer within a minute" : String.format(Locale.ROOT,
                        "the new version answered %.0f ms after the move committed", moved.millis()),
                        afterPass.isEmpty() ? "none" : afterPass);
            }
            return 0;
        } finally {
            channel.shutdownNow();
        }
    }

    /**
     * Ranks users 0..n-1 once each; with a move, starts it halfway and keeps ranking (users again, from
     * 0) until the new version has answered, at most a minute: those extra answers are not in the result,
     * but a failure among them counts in {@link #afterPass}.
     */
    private Answer[] pass(RankingServiceGrpc.RankingServiceBlockingStub stub, List<List<String>> histories, int n,
                          HotSwap move) throws InterruptedException {
        Answer[] answers = new Answer[n];
        AtomicInteger next = new AtomicInteger();
        long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        for (int c = 0; c < clients; c++) {
            pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < n || move != null && move.millis() < 0
                        && move.failure() == null && System.nanoTime() < until; i = next.getAndIncrement()) {
                    int u = i % n;
                    RankRequest r = RankRequest.newBuilder().setK(10).addAllHistory(histories.get(u))
                            .setUserKey("user-" + u).build();
                    long t0 = System.nanoTime();
                    Answer a;
                    try {
                        RankResponse answer = stub.withDeadlineAfter(10, TimeUnit.SECONDS).rank(r);
                        a = new Answer(answer.getAlias(), answer.getModelVersion(), System.nanoTime() - t0, null);
                        if (move != null) {
                            move.watcher().accept(answer);
                        }
                    } catch (StatusRuntimeException e) {
                        a = new Answer(null, null, 0, e.getStatus().getCode().name());
                    }
                    if (i < n) {
                        answers[i] = a;
                    } else {
                        afterPass.merge(a.error() == null ? "answered" : a.error(), 1, Integer::sum);
                    }
                }
            });
        }
        Thread mover = null;
        while (move != null && mover == null) {
            if (next.get() >= n / 2) {
                mover = move.activateAfter(0);
            }
            Thread.sleep(1);
        }
        pool.shutdown();
        pool.awaitTermination(2, TimeUnit.MINUTES);
        if (mover != null) {
            mover.join();
        }
        return answers;
    }

    /** Per alias and version: users, share, client-side p50/p99; then errors by status. */
    private void report(Answer[] answers, String pass) {
        Map<String, List<Long>> byVariant = new TreeMap<>();
        Map<String, Integer> errors = new TreeMap<>();
        for (Answer a : answers) {
            if (a.error() != null) {
                errors.merge(a.error(), 1, Integer::sum);
            } else {
                byVariant.computeIfAbsent(a.alias() + " v" + a.version(), k -> new ArrayList<>()).add(a.nanos());
            }
        }
        out.printf("%s:%n  %-24s %7s %7s %8s %8s%n", pass, "alias version", "users", "share", "p50 ms", "p99 ms");
        byVariant.forEach((variant, nanos) -> {
            long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
            out.printf(Locale.ROOT, "  %-24s %7d %6.2f%% %8.2f %8.2f%n", variant, sorted.length,
                    100.0 * sorted.length / answers.length, percentile(sorted, 0.5), percentile(sorted, 0.99));
        });
        out.println("  errors: " + (errors.isEmpty() ? "none" : errors));
    }

    private static double percentile(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(q * sorted.length))] / 1e6;
    }
}
