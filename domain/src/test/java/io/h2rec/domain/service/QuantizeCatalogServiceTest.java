package io.h2rec.domain.service;

import io.h2rec.domain.dataset.DatasetPreparation;
import io.h2rec.domain.error.ConflictException;
import io.h2rec.domain.error.InvalidInputException;
import io.h2rec.domain.error.NotFoundException;
import io.h2rec.domain.quantization.ProductQuantizer;
import io.h2rec.domain.quantization.ResidualKMeansQuantizer;
import io.h2rec.domain.quantization.TextEmbeddings;

import io.h2rec.domain.fakes.HashTextEncoder;
import io.h2rec.domain.fakes.InMemoryCodebookStore;
import io.h2rec.domain.fakes.InMemoryEmbeddingCache;
import io.h2rec.domain.fakes.InMemoryItemCatalog;
import io.h2rec.domain.model.Codebook;
import io.h2rec.domain.model.DatasetSplit;
import io.h2rec.domain.model.Interaction;
import io.h2rec.domain.model.Item;
import io.h2rec.domain.model.ItemId;
import io.h2rec.domain.model.JobListener;
import io.h2rec.domain.model.PreparationParams;
import io.h2rec.domain.model.QuantizerConfig;
import io.h2rec.domain.model.RawDataset;
import io.h2rec.domain.model.RegisteredDataset;
import io.h2rec.domain.model.SemanticId;
import io.h2rec.domain.port.in.AssignSemanticIdCommand;
import io.h2rec.domain.port.in.QuantizeCatalogCommand;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QuantizeCatalogServiceTest {
    InMemoryItemCatalog catalog;
    InMemoryCodebookStore store;
    HashTextEncoder encoder;
    InMemoryEmbeddingCache cache;
    Map<ItemId, int[]> shipped;
    QuantizeCatalogService service;
    RegisteredDataset dataset;

    @BeforeEach
    void setUp() {
        catalog = new InMemoryItemCatalog();
        store = new InMemoryCodebookStore();
        encoder = new HashTextEncoder(16);
        cache = new InMemoryEmbeddingCache();
        shipped = new HashMap<>();
        service = new QuantizeCatalogService(catalog, store, new TextEmbeddings(encoder, cache),
                List.of(new ResidualKMeansQuantizer(), new ProductQuantizer()), location -> shipped);
        List<Item> items = new ArrayList<>();
        List<Interaction> events = new ArrayList<>();
        String[] topics = {"red lipstick matte", "blue nail polish", "green face mask"};
        for (int i = 0; i < 30; i++) {
            items.add(new Item(ItemId.of("i" + i), Map.of("title", topics[i % 3] + " number" + i)));
            for (int u = 0; u < 3; u++) {
                events.add(new Interaction("u" + (i % 10) + "_" + u, ItemId.of("i" + i), i));
            }
        }
        DatasetSplit split = DatasetPreparation.prepare(new RawDataset("toy", "test", "memory", events, items),
                new PreparationParams(1, 3));
        dataset = catalog.register(split, "test", "memory");
    }

    @Test
    void quantizesEveryItemAndCachesTheEmbeddings() {
        Codebook book = service.quantize(new QuantizeCatalogCommand(dataset.id(),
                new QuantizerConfig("rqkmeans", 2, 4, 42, Map.of()), null), JobListener.NONE);
        assertEquals(30, book.items());
        assertEquals(30, store.codes(book.id()).size());
        assertEquals("hash-16", book.encoderId());
        assertEquals(16, book.codeDim());
        assertTrue(book.stats().utilisation()[0] > 0);
        assertEquals(30, encoder.encoded);
        // Same titles -> the same topic code at level 1.
        SemanticId a = store.code(book.id(), ItemId.of("i0")).orElseThrow();
        SemanticId b = store.code(book.id(), ItemId.of("i3")).orElseThrow();
        assertEquals(a.level(0), b.level(0));

        // A second version re-uses the cached embeddings (3 topics in 30 toy items: few distinct tuples, allowed here).
        service.quantize(new QuantizeCatalogCommand(dataset.id(), new QuantizerConfig("pq", 2, 4, 1, Map.of()), null, 0),
                JobListener.NONE);
        assertEquals(30, encoder.encoded);
        assertEquals(2, store.committed());
    }

    @Test
    void aDegenerateCodebookIsRefusedBeforeCommit() {
        // 3 topics: far fewer distinct (L=2, K=4) tuples than min(30 items, 16) when every one is required.
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> service.quantize(
                new QuantizeCatalogCommand(dataset.id(), new QuantizerConfig("rqkmeans", 2, 4, 42, Map.of()), null, 1.0),
                JobListener.NONE));
        assertTrue(e.getMessage().startsWith("degenerate codebook, not committed"), e.getMessage());
        assertEquals(0, store.committed());
        // Options are checked before any work, naming the option.
        int encoded = encoder.encoded;
        InvalidInputException bad = assertThrows(InvalidInputException.class,
                () -> service.validate(new QuantizerConfig("rqkmeans", 2, 4, 42, Map.of("iterations", "0"))));
        assertEquals("options.iterations", bad.field());
        assertEquals(encoded, encoder.encoded);
    }

    @Test
    void aCancelledJobCommitsNothing() {
        JobListener cancelInKMeans = new JobListener() {
            @Override
            public boolean cancelled() {
                return encoder.encoded > 0;
            }
        };
        assertThrows(CancellationException.class, () -> service.quantize(new QuantizeCatalogCommand(dataset.id(),
                new QuantizerConfig("rqkmeans", 2, 4, 42, Map.of()), null), cancelInKMeans));
        assertEquals(0, store.committed());
    }

    @Test
    void coldStartAssignmentAgainstACommittedVersion() {
        Codebook book = service.quantize(new QuantizeCatalogCommand(dataset.id(),
                new QuantizerConfig("rqkmeans", 2, 4, 42, Map.of()), null), JobListener.NONE);
        SemanticId sid = service.assign(new AssignSemanticIdCommand(book.id(), ItemId.of("new"),
                Map.of("title", "red lipstick matte number0")));
        assertEquals(store.code(book.id(), ItemId.of("i0")).orElseThrow(), sid);
        assertEquals(1, store.coldStartItems(book.id(), 0).size());
        assertThrows(InvalidInputException.class, () -> service.assign(new AssignSemanticIdCommand(book.id(),
                ItemId.of("new"), Map.of("title", "again"))));
        assertThrows(InvalidInputException.class, () -> service.assign(new AssignSemanticIdCommand(book.id(),
                ItemId.of("x"), Map.of("colour", "red"))));
        assertThrows(InvalidInputException.class, () -> new AssignSemanticIdCommand(book.id(), ItemId.of("y"),
                Map.of("title", " ")));
        assertThrows(NotFoundException.class, () -> service.assign(new AssignSemanticIdCommand(99,
                ItemId.of("z"), Map.of("title", "t"))));
    }

    @Test
    void importsShippedCodesWhichCannotAssignNewItems() {
        for (int i = 0; i < 30; i++) {
            shipped.put(ItemId.of("i" + i), new int[] {i % 3, i % 5});
        }
        Codebook book = service.quantize(new QuantizeCatalogCommand(dataset.id(),
                new QuantizerConfig("import", 2, 8, 0, Map.of()), null), JobListener.NONE);
        assertEquals("none", book.encoderId());
        assertEquals(0, encoder.encoded);
        // (i%3, i%5) repeats every 15 items: every item collides with exactly one other.
        assertEquals(30, book.stats().collisions());
        assertEquals(15, book.stats().distinctTuples());
        assertThrows(ConflictException.class, () -> service.assign(new AssignSemanticIdCommand(book.id(),
                ItemId.of("new"), Map.of("title", "t"))));

        shipped.remove(ItemId.of("i7"));
        assertThrows(InvalidInputException.class, () -> service.quantize(new QuantizeCatalogCommand(dataset.id(),
                new QuantizerConfig("import", 2, 8, 0, Map.of()), null), JobListener.NONE));
    }

    @Test
    void badRequestsAreRefusedBeforeAnyWork() {
        assertThrows(NotFoundException.class, () -> service.quantize(new QuantizeCatalogCommand(42,
                QuantizerConfig.defaults("rqkmeans"), null), JobListener.NONE));
        assertThrows(InvalidInputException.class, () -> service.quantize(new QuantizeCatalogCommand(dataset.id(),
                QuantizerConfig.defaults("rqvae"), null), JobListener.NONE));
        assertEquals(0, encoder.encoded);
    }
}
