package io.h2rec.adapter.out.persistence;

import io.agroal.api.AgroalDataSource;
import io.h2rec.domain.error.InvalidInputException;
import io.h2rec.domain.model.Codebook;
import io.h2rec.domain.model.CodebookModel;
import io.h2rec.domain.model.CodebookStats;
import io.h2rec.domain.model.DenseLayer;
import io.h2rec.domain.model.ItemId;
import io.h2rec.domain.model.QuantizerConfig;
import io.h2rec.domain.model.RegisteredDataset;
import io.h2rec.domain.model.SemanticId;
import io.h2rec.testing.EmbeddedPostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class CodebookStoreTest {
    @Inject
    HibernateCodebookStore store;
    @Inject
    HibernateItemCatalog catalog;
    @Inject
    HibernateEmbeddingCache cache;
    @Inject
    AgroalDataSource dataSource;

    private Codebook commitToy(String datasetName) {
        RegisteredDataset ds = catalog.register(PersistenceTest.toySplit(datasetName, 4), "test", "memory");
        float[][][] vectors = {{{1, 0}, {0, 1}}, {{0.5f, 0}, {0, 0.5f}}};
        DenseLayer layer = new DenseLayer(new float[][] {{1, 2}, {3, 4}, {5, 6}}, new float[] {0.1f, 0.2f}, true);
        CodebookModel model = new CodebookModel(CodebookModel.Kind.RESIDUAL, 2, 2, vectors, List.of(layer));
        Map<ItemId, SemanticId> codes = new LinkedHashMap<>();
        codes.put(ItemId.of("i0"), new SemanticId(new int[] {0, 1}));
        codes.put(ItemId.of("i1"), new SemanticId(new int[] {1, 1}));
        Codebook draft = new Codebook(0, ds.id(), ds.fingerprint(), new QuantizerConfig("rqvae", 2, 2, 7,
                Map.of("epochs", "3")), "enc", "{title}", 2, 2,
                new CodebookStats(new double[] {1.0, 0.5}, 0, 2, 0.01, 1.5, 2.5, 4.5, "CPU"), null);
        return store.commit(draft, model, codes);
    }

    @Test
    void commitsAndReadsBackAVersionWithItsModelAndCodes() {
        Codebook book = commitToy("cb-a");
        assertTrue(book.id() > 0);
        assertEquals("rqvae", book.config().quantizer());
        assertEquals(Map.of("epochs", "3"), book.config().options());
        assertArrayEquals(new double[] {1.0, 0.5}, book.stats().utilisation());
        CodebookModel m = store.model(book.id());
        assertEquals(CodebookModel.Kind.RESIDUAL, m.kind());
        assertArrayEquals(new float[] {0, 0.5f}, m.vectors()[1][1]);
        assertArrayEquals(new float[] {5, 6}, m.encoder().get(0).weight()[2]);
        assertEquals(new SemanticId(new int[] {1, 1}), store.code(book.id(), ItemId.of("i1")).orElseThrow());
        assertEquals(2, store.codes(book.id()).size());
        assertTrue(store.list(book.datasetId()).stream().anyMatch(b -> b.id() == book.id()));
    }

    @Test
    void committedVersionsAreImmutableButTakeColdStartItems() throws SQLException {
        Codebook book = commitToy("cb-b");
        try (Connection c = dataSource.getConnection()) {
            assertThrows(SQLException.class, () -> c.createStatement()
                    .executeUpdate("UPDATE codebook SET collisions = 9 WHERE id = " + book.id()));
            assertThrows(SQLException.class, () -> c.createStatement()
                    .executeUpdate("UPDATE item_sid SET codes = '{0,0}' WHERE codebook_id = " + book.id()));
            assertThrows(SQLException.class, () -> c.createStatement()
                    .executeUpdate("DELETE FROM item_sid WHERE codebook_id = " + book.id()));
        }
        store.addColdStartItem(book.id(), ItemId.of("new"), Map.of("title", "New"), new SemanticId(new int[] {1, 0}));
        assertThrows(InvalidInputException.class, () -> store.addColdStartItem(book.id(), ItemId.of("i0"),
                Map.of("title", "dup"), new SemanticId(new int[] {0, 0})));
        var cold = store.coldStartItems(book.id(), 0);
        assertEquals(1, cold.size());
        assertEquals(ItemId.of("new"), cold.get(0).item());
        assertTrue(store.coldStartItems(book.id(), cold.get(0).sequence()).isEmpty());
        assertEquals(3, store.codes(book.id()).size());
        assertEquals(2, store.builtCodes(book.id()).size(), "the codes as built: the cold-start item is not one of them");
        assertFalse(store.builtCodes(book.id()).containsKey(ItemId.of("new")));
    }

    @Test
    void embeddingCacheRoundTrip() {
        cache.save("enc-x", Map.of("a".repeat(64), new float[] {1, 2, 3}, "b".repeat(64), new float[] {4, 5, 6}));
        cache.save("enc-x", Map.of("a".repeat(64), new float[] {9, 9, 9})); // first write wins
        var found = cache.find("enc-x", List.of("a".repeat(64), "c".repeat(64)));
        assertEquals(1, found.size());
        assertArrayEquals(new float[] {1, 2, 3}, found.get("a".repeat(64)));
        assertTrue(cache.find("enc-y", List.of("a".repeat(64))).isEmpty());
    }
}
