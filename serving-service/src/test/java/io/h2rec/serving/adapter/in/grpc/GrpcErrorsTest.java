package io.h2rec.serving.adapter.in.grpc;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.h2rec.domain.error.ConflictException;
import io.h2rec.domain.error.InvalidInputException;
import io.h2rec.domain.error.NotFoundException;
import io.h2rec.domain.error.UnavailableException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The gRPC side of the error table (docs/api.md, "Errors"). */
class GrpcErrorsTest {
    private static StatusRuntimeException mapped(Throwable e, Status.Code code) {
        StatusRuntimeException s = GrpcErrors.status(e);
        assertEquals(code, s.getStatus().getCode(), e.toString());
        return s;
    }

    @Test
    void everyDomainKindHasItsCodeAndReason() {
        StatusRuntimeException invalid = mapped(new InvalidInputException("k", "k must be in 1..1000, got 0"),
                Status.Code.INVALID_ARGUMENT);
        assertEquals("k must be in 1..1000, got 0", invalid.getStatus().getDescription());
        mapped(new NotFoundException("model version", 3), Status.Code.NOT_FOUND);
        mapped(new ConflictException(null, "taken"), Status.Code.FAILED_PRECONDITION);
        StatusRuntimeException down = mapped(new UnavailableException("no model version is loaded yet"),
                Status.Code.UNAVAILABLE);
        assertNull(down.getTrailers().get(GrpcErrors.RETRY_PUSHBACK));
        StatusRuntimeException later = mapped(new UnavailableException("warming", Duration.ofMillis(250), null),
                Status.Code.UNAVAILABLE);
        assertEquals("250", later.getTrailers().get(GrpcErrors.RETRY_PUSHBACK));
        assertEquals("unavailable", GrpcErrors.tag(later.getStatus()));
    }

    @Test
    void aCompletionIsUnwrappedAndAStatusPassesThrough() {
        mapped(new CompletionException(new InvalidInputException("history", "too long")), Status.Code.INVALID_ARGUMENT);
        mapped(new CompletionException(new TimeoutException("the deadline passed while queued")),
                Status.Code.DEADLINE_EXCEEDED);
        StatusRuntimeException own = Status.PERMISSION_DENIED.asRuntimeException();
        assertSame(own, GrpcErrors.status(own));
    }

    /** A JDK exception is a bug: INTERNAL with an error id, never its message. */
    @Test
    void jdkExceptionsAreInternalWithoutTheirMessage() {
        for (RuntimeException bug : new RuntimeException[] {new IllegalArgumentException("secret index 99"),
                new IllegalStateException("secret invariant"), new NoSuchElementException("secret")}) {
            StatusRuntimeException s = mapped(new CompletionException(bug), Status.Code.INTERNAL);
            assertFalse(s.getStatus().getDescription().contains("secret"), s.getStatus().getDescription());
            assertTrue(s.getStatus().getDescription().contains("error "), s.getStatus().getDescription());
            assertEquals("internal", GrpcErrors.tag(s.getStatus()));
        }
    }

    /** Under overload half of all calls end as a status: none of them walks the stack. */
    @Test
    void statusesCarryNoStackTrace() {
        for (Throwable e : new Throwable[] {new UnavailableException("no model version is loaded yet"),
                new TimeoutException("the deadline passed while queued"), new IllegalStateException("bug")}) {
            assertEquals(0, GrpcErrors.status(e).getStackTrace().length, e.toString());
        }
    }
}
