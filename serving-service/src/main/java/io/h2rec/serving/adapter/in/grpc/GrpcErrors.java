package io.h2rec.serving.adapter.in.grpc;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.h2rec.domain.error.ConflictException;
import io.h2rec.domain.error.DomainException;
import io.h2rec.domain.error.InvalidInputException;
import io.h2rec.domain.error.NotFoundException;
import io.h2rec.domain.error.UnavailableException;
import io.h2rec.domain.reliability.Durably;
import io.h2rec.serving.batching.Rejected;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

/**
 * The one place where a failure becomes a gRPC status (the table of docs/api.md, "Errors"): the
 * domain's vocabulary (INVALID_ARGUMENT, NOT_FOUND, FAILED_PRECONDITION, UNAVAILABLE), the batcher's
 * refusals (RESOURCE_EXHAUSTED with a retry pushback, DEADLINE_EXCEEDED), and everything else
 * INTERNAL with an error id and no internal message; the stack trace goes to the log under that id,
 * one line at most every 10 s.
 */
final class GrpcErrors {
    /** gRPC's retry pushback trailer (the retry design, A6): clients with a retry policy honour it. */
    static final Metadata.Key<String> RETRY_PUSHBACK = Metadata.Key.of("grpc-retry-pushback-ms",
            Metadata.ASCII_STRING_MARSHALLER);
    private static final RateLimitedLog FAILURES = new RateLimitedLog(Logger.getLogger(GrpcErrors.class),
            Duration.ofSeconds(10));

    private GrpcErrors() {
    }

    /** The code of a domain failure. */
    static Status.Code code(DomainException e) {
        if (e instanceof InvalidInputException) {
            return Status.Code.INVALID_ARGUMENT;
        }
        if (e instanceof NotFoundException) {
            return Status.Code.NOT_FOUND;
        }
        if (e instanceof ConflictException) {
            return Status.Code.FAILED_PRECONDITION;
        }
        if (e instanceof UnavailableException) {
            return Status.Code.UNAVAILABLE;
        }
        throw new AssertionError("unmapped domain exception " + e.getClass().getName());   // sealed: unreachable
    }

    /** {@code error} (or the cause of a CompletionException) as the status a client receives. */
    static StatusRuntimeException status(Throwable error) {
        Throwable e = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (e instanceof StatusRuntimeException s) {
            return s;
        }
        if (e instanceof DomainException d) {
            Metadata trailers = new Metadata();
            d.retryAfter().ifPresent(after -> trailers.put(RETRY_PUSHBACK, String.valueOf(after.toMillis())));
            return quiet(Status.fromCode(code(d)).withDescription(d.getMessage()), trailers);
        }
        if (e instanceof Rejected r) {
            Metadata trailers = new Metadata();
            trailers.put(RETRY_PUSHBACK, String.valueOf(r.retryAfterMillis()));
            return quiet(Status.RESOURCE_EXHAUSTED.withDescription(r.getMessage() + "; retry after "
                    + r.retryAfterMillis() + " ms"), trailers);
        }
        if (e instanceof TimeoutException) {
            return quiet(Status.DEADLINE_EXCEEDED.withDescription(e.getMessage()), null);
        }
        String errorId = Durably.errorId();
        FAILURES.warn("error " + errorId + ": ranking failed: " + e, e);
        return quiet(Status.INTERNAL.withDescription("an unexpected error; quote error " + errorId
                + " to the operator (the service log has the details)"), null);
    }

    /**
     * The status a client receives, without a stack trace: nobody reads a status's trace (the
     * client gets code, description and trailers), and under overload half of all calls end here,
     * where walking the event loop's stack for each refusal cost CPU the rankings needed.
     */
    static StatusRuntimeException quiet(Status status, Metadata trailers) {
        return new StatusRuntimeException(status, trailers) {
            @Override
            public synchronized Throwable fillInStackTrace() {
                return this;
            }
        };
    }

    /** A status as a metric tag ("invalid_argument", "unavailable", "internal"). */
    static String tag(Status status) {
        return status.getCode().name().toLowerCase(Locale.ROOT);
    }
}
