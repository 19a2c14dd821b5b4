package io.h2rec.serving.batching;

import io.grpc.Deadline;
import io.h2rec.domain.error.UnavailableException;
import io.h2rec.domain.model.ItemId;
import io.h2rec.domain.model.RankQuery;
import io.h2rec.domain.model.Ranking;
import io.h2rec.domain.model.ServingModel;
import io.h2rec.domain.port.in.RankItemsUseCase;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a worker does when scoring fails, and what shutdown does to queued requests (no server needed). */
class MicroBatcherTest {
    /** Ranks each query as its k in the model-version field; a query with k = 13 cannot be scored. */
    static final class Fake implements RankItemsUseCase {
        Throwable failure = new IllegalStateException("query 13 cannot be scored");

        @Override
        public Ranking rank(RankQuery query) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Ranking> rankBatch(List<RankQuery> queries) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Ranking> rankBatch(ServingModel model, List<RankQuery> queries) {
            if (queries.stream().anyMatch(q -> q.k() == 13)) {
                sneaky(failure);
            }
            return queries.stream().map(q -> new Ranking(List.of(), "k" + q.k(), false, List.of(), 0)).toList();
        }

        @SuppressWarnings("unchecked")
        private static <T extends Throwable> void sneaky(Throwable t) throws T {
            throw (T) t;
        }
    }

    private static MicroBatcher.Pending pending(int k) {
        return new MicroBatcher.Pending(new MicroBatcher.Job(new RankQuery(List.of(new ItemId("i1")), k, true, null,
                null), null), Deadline.after(1, TimeUnit.MINUTES), new CompletableFuture<>());
    }

    private static void score(MicroBatcher b, List<MicroBatcher.Pending> group) {
        b.score(null, group, group.stream().map(p -> p.job().query()).toList());
    }

    @Test
    void oneRequestThatCannotBeScoredFailsAloneNotItsMicroBatch() {
        MicroBatcher b = new MicroBatcher();
        Fake fake = new Fake();
        b.ranking = fake;
        List<MicroBatcher.Pending> group = List.of(pending(5), pending(13), pending(7));
        score(b, group);
        assertEquals("k5", group.get(0).result().join().modelVersion());
        assertEquals("k7", group.get(2).result().join().modelVersion());
        CompletionException e = assertThrows(CompletionException.class, () -> group.get(1).result().join());
        assertEquals("query 13 cannot be scored", e.getCause().getMessage());

        // An Error the JVM raises (out of memory) is not retried request by request: the group fails at once,
        // with it, and nothing is left waiting.
        fake.failure = new OutOfMemoryError("test");
        List<MicroBatcher.Pending> again = List.of(pending(5), pending(13));
        score(b, again);
        for (MicroBatcher.Pending p : again) {
            assertInstanceOf(OutOfMemoryError.class, assertThrows(CompletionException.class, () -> p.result().join())
                    .getCause());
        }
    }

    @Test
    void shutdownAnswersEveryQueuedRequestAndAdmitsNoMore() {
        MicroBatcher b = new MicroBatcher();
        b.queue = new ArrayBlockingQueue<>(4);
        MicroBatcher.Pending first = pending(5);
        MicroBatcher.Pending second = pending(7);
        b.queue.add(first);
        b.queue.add(second);
        b.stop();
        assertTrue(b.queue.isEmpty());
        for (MicroBatcher.Pending p : List.of(first, second)) {
            Throwable cause = assertThrows(CompletionException.class, () -> p.result().join()).getCause();
            assertInstanceOf(UnavailableException.class, cause);
            assertTrue(cause.getMessage().contains("shutting down"), cause.getMessage());
        }
        assertThrows(UnavailableException.class, () -> b.submit(pending(3).job(), null));
    }
}
