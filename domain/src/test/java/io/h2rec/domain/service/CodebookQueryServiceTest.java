package io.h2rec.domain.service;

import io.h2rec.domain.error.NotFoundException;
import io.h2rec.domain.fakes.InMemoryCodebookStore;
import io.h2rec.domain.model.ItemId;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The codebook reads' not-found answers (the found paths run against PostgreSQL in the quantizer's API tests). */
class CodebookQueryServiceTest {
    private final CodebookQueryService queries = new CodebookQueryService(new InMemoryCodebookStore());

    @Test
    void anUnknownCodebookIsNotFoundBeforeItsItem() {
        assertEquals(List.of(), queries.codebooks(null));
        assertEquals("unknown codebook 4", assertThrows(NotFoundException.class, () -> queries.codebook(4)).getMessage());
        NotFoundException e = assertThrows(NotFoundException.class, () -> queries.code(4, ItemId.of("i1")));
        assertEquals("codebook", e.what());
    }
}
