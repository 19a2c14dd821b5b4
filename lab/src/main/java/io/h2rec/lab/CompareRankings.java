package io.h2rec.lab;

import io.grpc.ManagedChannel;
import io.h2rec.proto.serving.v1.RankRequest;
import io.h2rec.proto.serving.v1.RankResponse;
import io.h2rec.proto.serving.v1.RankingServiceGrpc;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * Two servers, the same histories: do their top-k lists agree? Checks a change of the scorer
 * against the build before it (each server loading the same model version), from outside.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Rank the same histories on two serving instances and count identical top-k lists.")
final class CompareRankings implements Callable<Integer> {
    @Option(names = "--a", required = true, description = "host:port of the first server")
    String a;
    @Option(names = "--b", required = true, description = "host:port of the second server")
    String b;
    @Option(names = "--dataset", paramLabel = "PATH", defaultValue = "${env:H2REC_DATASET:-../shared/data/amazon-beauty}",
            description = "Histories from this dataset's test split (default: ${DEFAULT-VALUE}).")
    String dataset;
    @Option(names = "--k", defaultValue = "10", description = "Items per ranking (default: ${DEFAULT-VALUE}).")
    int k;
    @Option(names = "--limit", defaultValue = "0", description = "At most this many histories of each kind; 0: all.")
    int limit;

    @Override
    public Integer call() throws Exception {
        List<List<String>> test = Histories.testSplit(dataset);
        ManagedChannel ca = Channels.open(a);
        ManagedChannel cb = Channels.open(b);
        try {
            var sa = RankingServiceGrpc.newBlockingStub(ca);
            var sb = RankingServiceGrpc.newBlockingStub(cb);
            int mismatched = 0;
            for (var kind : List.of(List.of("test split", test), List.of("50 items", Histories.windows(test, 50)))) {
                @SuppressWarnings("unchecked")
                List<List<String>> histories = (List<List<String>>) kind.get(1);
                int n = limit > 0 ? Math.min(limit, histories.size()) : histories.size();
                int same = 0;
                double maxDiff = 0;
                List<String> examples = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    RankRequest r = RankRequest.newBuilder().setK(k).addAllHistory(histories.get(i)).build();
                    RankResponse ra = sa.rank(r);
                    RankResponse rb = sb.rank(r);
                    List<String> ia = ra.getItemsList().stream().map(s -> s.getItemId()).toList();
                    List<String> ib = rb.getItemsList().stream().map(s -> s.getItemId()).toList();
                    if (ia.equals(ib)) {
                        same++;
                        for (int j = 0; j < ia.size(); j++) {
                            maxDiff = Math.max(maxDiff, Math.abs(ra.getItems(j).getScore() - rb.getItems(j).getScore()));
                        }
                    } else if (examples.size() < 3) {
                        examples.add(i + ": " + ia + " vs " + ib);
                    }
                }
                mismatched += n - same;
                System.out.printf("%s: %,d of %,d top-%d lists identical (order included); largest score difference "
                        + "among them %.2e%n", kind.get(0), same, n, k, maxDiff);
                examples.forEach(e -> System.out.println("  differs: " + e));
            }
            return mismatched == 0 ? 0 : 1;
        } finally {
            ca.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            cb.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
