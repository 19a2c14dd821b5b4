package io.h2rec.lab;

import io.h2rec.proto.serving.v1.RankResponse;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A model activation (or an alias moved) during load, timed as a client sees it: from the moment the
 * training service's call returns (the change is committed) to the first answer ranked by the new
 * version. Every request of the run still counts (a swap must lose none). The activation carries
 * the operator token in H2REC_OPERATOR_TOKEN (deploy/h2rec passes the local one).
 */
final class HotSwap {
    private final String uri;
    private final String method;
    private final String body;
    private final long version;
    private final AtomicLong activatedAt = new AtomicLong();
    private final AtomicLong firstSeen = new AtomicLong();
    private volatile String failure;

    HotSwap(String training, long version) {
        this(training + "/api/v1/models/" + version + "/activate", "POST", null, version);
    }

    private HotSwap(String uri, String method, String body, long version) {
        this.uri = uri;
        this.method = method;
        this.body = body;
        this.version = version;
    }

    /** An alias moved to {@code version} (PUT /api/v1/aliases/{alias}), timed the same way. */
    static HotSwap aliasMove(String training, String alias, long version) {
        return new HotSwap(training + "/api/v1/aliases/" + alias, "PUT", "{\"version\": " + version + "}", version);
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

    /** The activation (or alias move) after {@code delayMillis}, on its own thread. */
    Thread activateAfter(long delayMillis) {
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(delayMillis);
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri)).method(method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
                if (body != null) {
                    request.header("Content-Type", "application/json");
                }
                BearerTokens.authorization(BearerTokens.OPERATOR).ifPresent(bearer -> request.header("Authorization", bearer));
                HttpResponse<String> r = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
                activatedAt.set(System.nanoTime());
                if (r.statusCode() / 100 != 2) {
                    failure = method + " " + uri + " answered " + r.statusCode() + ": " + r.body();
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
