package io.h2rec.lab;

import io.h2rec.proto.serving.v1.RankResponse;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A model activation during load, timed as a client sees it: from the moment the training
 * service's activate call returns (the activation is committed) to the first answer ranked by the
 * new version. Every request of the run still counts (a swap must lose none). The activation carries
 * the operator token in H2REC_OPERATOR_TOKEN (deploy/h2rec passes the local one).
 */
final class HotSwap {
    private final String training;
    private final long version;
    private final AtomicLong activatedAt = new AtomicLong();
    private final AtomicLong firstSeen = new AtomicLong();
    private volatile String failure;

    HotSwap(String training, long version) {
        this.training = training;
        this.version = version;
    }

    /** Watches answers for the new version. */
    Consumer<RankResponse> watcher() {
        String wanted = String.valueOf(version);
        return r -> {
            if (r.getModelVersion().equals(wanted) && activatedAt.get() != 0) {
                firstSeen.compareAndSet(0, System.nanoTime());
            }
        };
    }

    /** POST /api/v1/models/{version}/activate after {@code delayMillis}, on its own thread. */
    Thread activateAfter(long delayMillis) {
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(delayMillis);
                HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create(training + "/api/v1/models/" + version + "/activate"))
                        .POST(HttpRequest.BodyPublishers.noBody());
                BearerTokens.authorization(BearerTokens.OPERATOR).ifPresent(bearer -> request.header("Authorization", bearer));
                HttpResponse<String> r = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
                activatedAt.set(System.nanoTime());
                if (r.statusCode() / 100 != 2) {
                    failure = "activate answered " + r.statusCode() + ": " + r.body();
                }
            } catch (Exception e) {
                failure = e.getClass().getSimpleName() + ": " + e.getMessage();
            }
        }, "activate");
        t.start();
        return t;
    }

    /** Why the activation failed (after the thread ended), or null. */
    String failure() {
        return failure;
    }

    /** Milliseconds from the committed activation to the first answer of the new version, or -1 if none came. */
    double millis() {
        return firstSeen.get() == 0 ? -1 : (firstSeen.get() - activatedAt.get()) / 1e6;
    }
}
