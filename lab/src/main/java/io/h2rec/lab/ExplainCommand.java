package io.h2rec.lab;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.h2rec.adapter.in.cli.Checked;
import io.h2rec.adapter.in.cli.CliFront;
import io.h2rec.adapter.in.cli.Inputs;
import io.h2rec.adapter.out.dataset.DatasetInputs;
import io.h2rec.adapter.out.dataset.FileSequenceSource;
import io.h2rec.domain.dataset.DatasetPreparation;
import io.h2rec.domain.model.DatasetSplit;
import io.h2rec.domain.model.ItemId;
import io.h2rec.domain.model.PreparationParams;
import io.h2rec.proto.serving.v1.GetModelRequest;
import io.h2rec.proto.serving.v1.RankRequest;
import io.h2rec.proto.serving.v1.RankResponse;
import io.h2rec.proto.serving.v1.RankingServiceGrpc;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * An explained ranking for one user of a dataset, as serving answers it (RankRequest.explain): the
 * user's history is the dataset's test input (every item but the last, the held-out one), the
 * model is the version serving runs, cold-start items included. A client of serving, like
 * {@code bench}: it needs serving running ({@code deploy/h2rec start} and an active version).
 */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Rank the next items for a user of a dataset on a running serving-service and print why: each "
                + "score's hash-ID and semantic-ID parts, the user's gate weights per SID level, and the history items "
                + "sharing the longest SID prefix with each item.")
final class ExplainCommand implements Callable<Integer>, Checked {
    @Option(names = "--dataset", paramLabel = "PATH", defaultValue = "${env:H2REC_DATASET:-../shared/data/amazon-beauty}",
            description = "The user's history from this dataset's test split; item titles from its text (default: "
                    + "${DEFAULT-VALUE}).")
    String dataset;
    @Option(names = "--user", paramLabel = "ID", description = "A user id of the dataset (after its 5-core filter).")
    String user;
    @Option(names = "--history", paramLabel = "ITEM", split = ",",
            description = "Explain this history instead (item ids, oldest first, comma-separated), e.g. with a cold-start item.")
    List<String> history = new ArrayList<>();
    @Option(names = "--candidates", paramLabel = "ITEM", split = ",",
            description = "Rank only these items (comma-separated, at most serving's max-candidates), e.g. a new one.")
    List<String> candidates = new ArrayList<>();
    @Option(names = "--k", defaultValue = "10", description = "Items to rank and explain (default: ${DEFAULT-VALUE}; at "
            + "most serving's max-k).")
    int k;
    @Option(names = "--target", description = "gRPC address of serving (default: ${DEFAULT-VALUE}).",
            defaultValue = "localhost:${env:H2REC_SERVING_GRPC_PORT:-9090}")
    String target;

    PrintStream out = System.out;

    @Override
    public void check() {
        Inputs.atLeast("--k", k, 1);
        Channels.checkTarget("--target", target);
        DatasetInputs.dataset(dataset);
        if ((user == null) == history.isEmpty()) {
            throw new IllegalArgumentException("say whose ranking to explain: --user ID (a user of the dataset) or "
                    + "--history ITEM,ITEM,...");
        }
    }

    @Override
    public Integer call() throws Exception {
        check();
        DatasetSplit split = DatasetPreparation.prepare(new FileSequenceSource().load(dataset), PreparationParams.DEFAULT);
        List<String> items = history;
        String heldOut = null;
        if (user != null) {
            int u = userIndex(split, user);
            items = new ArrayList<>();
            for (int i : split.testInput(u)) {
                items.add(split.item(i).id().value());
            }
            heldOut = split.item(split.testTarget(u)).id().value();
        }
        RankRequest request = RankRequest.newBuilder().addAllHistory(items).setK(k).addAllCandidates(candidates)
                .setExplain(true).build();
        ManagedChannel channel = Channels.open(target);
        RankResponse response;
        Map<String, List<Integer>> codes;
        try {
            var stub = RankingServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
            response = stub.rank(request);
            codes = historyCodes(stub, items, response, stub.getModel(GetModelRequest.getDefaultInstance()).getMaxK());
        } catch (StatusRuntimeException e) {
            System.err.printf("%s explain: serving at %s answered %s%s%n", CliFront.LAUNCHER, target, e.getStatus().getCode(),
                    e.getStatus().getDescription() == null ? " (is serving-service running? deploy/h2rec start)"
                            : ": " + e.getStatus().getDescription());
            return 1;
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        String who = user != null ? "user " + user + " of " + split.name() : "the history given";
        new ExplanationPrinter(out, titles(split)).print(who, items, heldOut, response, codes);
        return 0;
    }

    /**
     * The semantic IDs of the history items fed to the model, as serving explains them: the same
     * history ranked again over its own (most recent, at most max-k) items as candidates.
     */
    private static Map<String, List<Integer>> historyCodes(RankingServiceGrpc.RankingServiceBlockingStub stub,
                                                           List<String> history, RankResponse ranked, int maxK) {
        Set<String> unknown = Set.copyOf(ranked.getUnknownItemsList());
        LinkedHashSet<String> recent = new LinkedHashSet<>();
        for (int i = history.size() - 1, used = 0; i >= 0 && used < ranked.getHistoryUsed(); i--) {
            if (!unknown.contains(history.get(i))) {
                used++;
                if (recent.size() < maxK) {
                    recent.add(history.get(i));
                }
            }
        }
        Map<String, List<Integer>> out = new HashMap<>();
        if (recent.isEmpty()) {
            return out;
        }
        RankResponse own = stub.rank(RankRequest.newBuilder().addAllHistory(history).setK(recent.size())
                .addAllCandidates(recent).setExcludeHistory(false).setExplain(true).build());
        own.getItemsList().forEach(s -> out.put(s.getItemId(), s.getExplanation().getSemanticIdList()));
        return out;
    }

    private static int userIndex(DatasetSplit split, String id) {
        for (int u = 0; u < split.numUsers(); u++) {
            if (split.user(u).userId().equals(id)) {
                return u;
            }
        }
        throw new IllegalArgumentException("user " + id + " is not in " + split.name() + " after its 5-core filter ("
                + split.numUsers() + " users, e.g. " + split.user(0).userId() + ", " + split.user(split.numUsers() - 1).userId() + ")");
    }

    /** An item's title (or first text field) from the dataset; empty for an item it does not hold (cold start). */
    private static Function<String, String> titles(DatasetSplit split) {
        return id -> split.indexOf(new ItemId(id)).map(i -> {
            var fields = split.item(i).fields();
            return fields.getOrDefault("title", fields.values().stream().findFirst().orElse(""));
        }).orElse("");
    }
}
