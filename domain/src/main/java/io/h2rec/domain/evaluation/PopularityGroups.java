package io.h2rec.domain.evaluation;

import io.h2rec.domain.model.EvaluationProtocol;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Head/tail and popularity buckets from training popularity (evaluation.md). Head = the
 * round(headFraction * N) most popular items (ties broken by lower index), tail = the rest.
 */
public final class PopularityGroups {
    private final boolean[] head;
    private final int[] bucket;
    private final int headSize;

    public PopularityGroups(int[] popularity, EvaluationProtocol protocol) {
        int n = popularity.length - 1;
        this.headSize = (int) Math.round(protocol.headFraction() * n);
        Integer[] byPopularity = IntStream.rangeClosed(1, n).boxed().toArray(Integer[]::new);
        Arrays.sort(byPopularity, Comparator.<Integer>comparingInt(i -> -popularity[i]).thenComparingInt(i -> i));
        this.head = new boolean[n + 1];
        for (int r = 0; r < headSize; r++) {
            head[byPopularity[r]] = true;
        }
        int[] edges = protocol.bucketEdges();
        this.bucket = new int[n + 1];
        for (int i = 1; i <= n; i++) {
            int b = 0;
            while (b + 1 < edges.length && popularity[i] >= edges[b + 1]) {
                b++;
            }
            bucket[i] = b;
        }
    }

    public boolean isHead(int item) {
        return head[item];
    }

    /** Index into the protocol's bucket edges. */
    public int bucketOf(int item) {
        return bucket[item];
    }

    public int headSize() {
        return headSize;
    }
}
