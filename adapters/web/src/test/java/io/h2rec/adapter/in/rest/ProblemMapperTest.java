package io.h2rec.adapter.in.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.h2rec.domain.error.ConflictException;
import io.h2rec.domain.error.DomainException;
import io.h2rec.domain.error.InvalidInputException;
import io.h2rec.domain.error.NotFoundException;
import io.h2rec.domain.error.UnavailableException;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.NoSuchElementException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The REST side of the error table (docs/api.md, "Errors"): each domain kind, and a bug, as a problem. */
class ProblemMapperTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ProblemMapper mapper = new ProblemMapper();

    private static JsonNode body(Response r) throws Exception {
        assertEquals(Problem.MEDIA_TYPE, r.getMediaType().toString());
        return JSON.readTree((String) r.getEntity());
    }

    private JsonNode domain(DomainException e, int status, String type) throws Exception {
        Response r = mapper.domain(e, null);
        assertEquals(status, r.getStatus());
        JsonNode b = body(r);
        assertEquals(type, b.path("type").asText());
        assertEquals(status, b.path("status").asInt());
        assertEquals(e.getMessage(), b.path("detail").asText());
        assertNotNull(b.get("errorId"));
        return b;
    }

    @Test
    void everyDomainKindHasItsStatusTypeAndFacts() throws Exception {
        JsonNode invalid = domain(new InvalidInputException("params.hidden", "hidden must be in [8, 1024]",
                Map.of("budgetMb", 100)), 400, ProblemMapper.INVALID_INPUT);
        assertEquals("params.hidden", invalid.path("field").asText());
        assertEquals(100, invalid.path("budgetMb").asInt());

        JsonNode missing = domain(new NotFoundException("run", 7), 404, ProblemMapper.NOT_FOUND);
        assertEquals("unknown run 7", missing.path("detail").asText());
        assertNull(missing.get("field"));

        JsonNode conflict = domain(new ConflictException("/api/v1/runs/7", "run 7 is RUNNING"), 409,
                ProblemMapper.CONFLICT);
        assertEquals("/api/v1/runs/7", conflict.path("resource").asText());

        domain(new UnavailableException("no model yet"), 503, ProblemMapper.UNAVAILABLE);
    }

    @Test
    void aRetryHintBecomesRetryAfterInWholeSeconds() {
        Response r = mapper.domain(new UnavailableException("starting", Duration.ofMillis(1500), null), null);
        assertEquals(503, r.getStatus());
        assertEquals("2", String.valueOf(r.getHeaderString("Retry-After")));
        assertNull(mapper.domain(new UnavailableException("down"), null).getHeaderString("Retry-After"));
    }

    /** A JDK exception is a bug wherever it comes from: 500, a generic detail, its message only in the log. */
    @Test
    void jdkExceptionsAreInternalErrorsWithoutTheirMessage() throws Exception {
        for (RuntimeException bug : new RuntimeException[] {new IllegalArgumentException("secret /srv/data/x.csv"),
                new IllegalStateException("secret invariant"), new NoSuchElementException("secret row 42")}) {
            Response r = mapper.unexpected(bug, null);
            assertEquals(500, r.getStatus(), bug.toString());
            JsonNode b = body(r);
            assertEquals(ProblemMapper.INTERNAL, b.path("type").asText());
            assertFalse(b.toString().contains("secret"), b.toString());
            assertTrue(b.path("detail").asText().contains("errorId"), b.toString());
            assertFalse(b.path("errorId").asText().isBlank());
        }
    }
}
