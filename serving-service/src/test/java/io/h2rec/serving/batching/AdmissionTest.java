package io.h2rec.serving.batching;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Admission's arithmetic by hand. */
class AdmissionTest {
    /** 2 workers, 2 ms per ranking: 1,000 rankings/s; 25 ms of queue = 25 requests. */
    private static Admission twoWorkersAtTwoMillis() {
        return new Admission(2, Duration.ofMillis(25), 4, 4096, Duration.ofMillis(2));
    }

    @Test
    void theQueueHoldsQueueTimeOfWorkAtTheMeasuredCapacity() {
        Admission a = twoWorkersAtTwoMillis();
        assertEquals(1000, a.capacity(), 1e-9);
        assertEquals(25, a.queueLimit());
        assertNull(a.check(24, 1, Duration.ofSeconds(1).toNanos()));
        Admission.Refusal full = a.check(25, 1, Duration.ofSeconds(1).toNanos());
        assertEquals(Admission.Reason.QUEUE_FULL, full.reason());
        assertEquals(25, full.retryAfterMillis());            // 25 queued x 2 ms / 2 workers
        // A RankBatch joins whole or not at all.
        assertEquals(Admission.Reason.QUEUE_FULL, a.check(20, 8, Duration.ofSeconds(1).toNanos()).reason());
        // Never below one micro-batch per worker, never above max-queue.
        assertEquals(4, new Admission(2, Duration.ofNanos(1), 4, 4096, Duration.ofMillis(2)).queueLimit());
        assertEquals(10, new Admission(2, Duration.ofSeconds(10), 4, 10, Duration.ofMillis(2)).queueLimit());
    }

    @Test
    void aRequestThatCannotMakeItsDeadlineIsRefusedAtOnce() {
        Admission a = twoWorkersAtTwoMillis();
        // Behind 10 queued: (10 + 1) x 2 ms / 2 workers + its own 2 ms = 13 ms.
        assertNull(a.check(10, 1, Duration.ofMillis(13).toNanos()));
        Admission.Refusal late = a.check(10, 1, Duration.ofMillis(12).toNanos());
        assertEquals(Admission.Reason.DEADLINE, late.reason());
        assertEquals(10, late.retryAfterMillis());            // 10 queued x 2 ms / 2 workers
        // An empty queue always takes work (it is how the cost gets measured), whatever the deadline.
        assertNull(a.check(0, 1, 0));
    }

    @Test
    void theCostFollowsMeasuredBatches() {
        Admission a = twoWorkersAtTwoMillis();
        a.measured(4, Duration.ofMillis(4).toNanos());       // 1 ms each: 0.8 x 2 + 0.2 x 1 = 1.8 ms
        assertEquals(1.8e6, a.costNanos(), 1e-3);
        for (int i = 0; i < 100; i++) {
            a.measured(10, Duration.ofMillis(5).toNanos());   // 0.5 ms each, again and again
        }
        assertEquals(0.5e6, a.costNanos(), 1);
        assertEquals(4000, a.capacity(), 0.01);
        assertEquals(100, a.queueLimit());
    }
}
