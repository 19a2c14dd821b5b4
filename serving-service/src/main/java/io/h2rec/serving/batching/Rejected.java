package io.h2rec.serving.batching;

/**
 * A request the batcher refused at the door (RESOURCE_EXHAUSTED for the client): why, in words and
 * as a metric tag, and after how many milliseconds a retry is likely to find room.
 */
public final class Rejected extends RuntimeException {
    private final String reason;
    private final long retryAfterMillis;

    Rejected(Admission.Refusal refusal) {
        super(refusal.message(), null, false, false);   // refused under load: no stack trace to build
        this.reason = refusal.reason().tag;
        this.retryAfterMillis = refusal.retryAfterMillis();
    }

    public String reason() {
        return reason;
    }

    public long retryAfterMillis() {
        return retryAfterMillis;
    }
}
