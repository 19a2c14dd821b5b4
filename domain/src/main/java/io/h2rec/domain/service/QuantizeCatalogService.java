package io.h2rec.domain.service;

import io.h2rec.domain.error.ConflictException;
import io.h2rec.domain.error.NotFoundException;
import io.h2rec.domain.quantization.SidStatistics;
import io.h2rec.domain.quantization.TextEmbeddings;

import io.h2rec.domain.error.InvalidInputException;
import io.h2rec.domain.model.Codebook;
import io.h2rec.domain.model.CodebookModel;
import io.h2rec.domain.model.CodebookStats;
import io.h2rec.domain.model.Item;
import io.h2rec.domain.model.ItemId;
import io.h2rec.domain.model.ItemTextTemplate;
import io.h2rec.domain.model.JobListener;
import io.h2rec.domain.model.QuantizerConfig;
import io.h2rec.domain.model.RegisteredDataset;
import io.h2rec.domain.model.SemanticId;
import io.h2rec.domain.port.in.AssignSemanticIdCommand;
import io.h2rec.domain.port.in.AssignSemanticIdUseCase;
import io.h2rec.domain.port.in.QuantizeCatalogCommand;
import io.h2rec.domain.port.in.QuantizeCatalogUseCase;
import io.h2rec.domain.port.in.RemoveColdStartItemUseCase;
import io.h2rec.domain.port.out.CodebookStore;
import io.h2rec.domain.port.out.ItemCatalog;
import io.h2rec.domain.port.out.QuantizationResult;
import io.h2rec.domain.port.out.Quantizer;
import io.h2rec.domain.port.out.SemanticIdSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds codebook versions (h2rec-model.md §1): item text from a template, embeddings through the
 * cache-aware encoder, a quantizer, statistics, then one atomic commit. Also assigns codes to new
 * items against a committed version (cold start), and removes them from its overlay.
 */
public final class QuantizeCatalogService implements QuantizeCatalogUseCase, AssignSemanticIdUseCase,
        RemoveColdStartItemUseCase {
    public static final String IMPORT = "import";

    private final ItemCatalog catalog;
    private final CodebookStore store;
    private final TextEmbeddings embeddings;
    private final Map<String, Quantizer> quantizers = new TreeMap<>();
    private final SemanticIdSource imported;

    public QuantizeCatalogService(ItemCatalog catalog, CodebookStore store, TextEmbeddings embeddings,
                                  List<Quantizer> quantizers, SemanticIdSource imported) {
        this.catalog = catalog;
        this.store = store;
        this.embeddings = embeddings;
        this.imported = imported;
        for (Quantizer q : quantizers) {
            this.quantizers.put(q.name(), q);
        }
    }

    @Override
    public void validate(QuantizerConfig config) {
        if (config.quantizer().equals(IMPORT)) {
            if (!config.options().isEmpty()) {
                throw new InvalidInputException("options", "quantizer import takes no options");
            }
            return;
        }
        quantizer(config).validate(config);
    }

    private Quantizer quantizer(QuantizerConfig config) {
        Quantizer quantizer = quantizers.get(config.quantizer());
        if (quantizer == null) {
            throw new InvalidInputException("quantizer", "quantizer '" + config.quantizer() + "' is not available "
                    + "here; available: " + quantizers.keySet() + " and " + IMPORT);
        }
        return quantizer;
    }

    @Override
    public Codebook quantize(QuantizeCatalogCommand command, JobListener listener) {
        long t0 = System.nanoTime();
        RegisteredDataset ds = catalog.find(command.datasetId())
                .orElseThrow(() -> new NotFoundException("dataset", command.datasetId()));
        List<Item> items = catalog.items(ds.id());
        QuantizerConfig config = command.config();
        if (config.quantizer().equals(IMPORT)) {
            return importCodes(ds, items, config, t0, listener);
        }
        Quantizer quantizer = quantizer(config);
        quantizer.validate(config);
        List<String> texts = texts(ds, items, command.template());

        long tEncode = System.nanoTime();
        float[][] x = embeddings.embed(texts, listener);
        double encodeSeconds = (System.nanoTime() - tEncode) / 1e9;

        long tQuantize = System.nanoTime();
        QuantizationResult result = quantizer.fit(x, config, listener);
        double quantizeSeconds = (System.nanoTime() - tQuantize) / 1e9;
        listener.checkCancelled();

        Map<ItemId, SemanticId> codes = new LinkedHashMap<>();
        for (int i = 0; i < items.size(); i++) {
            codes.put(items.get(i).id(), new SemanticId(result.codes()[i]));
        }
        CodebookStats stats = stats(codes, config, result.reconstructionError(), encodeSeconds, quantizeSeconds, t0,
                quantizer.device());
        refuseDegenerate(stats, items.size(), config, command.minDistinctFraction());
        Codebook draft = new Codebook(0, ds.id(), ds.fingerprint(), config, embeddings.encoderId(),
                command.template().template(), result.model().codeDim(), items.size(), stats, null);
        listener.progress("committing codebook", 0, 1);
        return store.commit(draft, result.model(), codes);
    }

    /**
     * A codebook whose codes barely tell items apart (a diverged or starved quantizer) is refused
     * before commit: a job of it FAILS instead of leaving an immutable useless version.
     */
    static void refuseDegenerate(CodebookStats stats, int items, QuantizerConfig config, double minFraction) {
        double possible = Math.min(items, Math.pow(config.codebookSize(), config.levels()));
        if (stats.distinctTuples() < minFraction * possible) {
            throw new IllegalStateException(String.format(java.util.Locale.ROOT, "degenerate codebook, not committed: "
                    + "%d distinct code tuples for %d items (%.1f%%, the floor is %.0f%% of min(items, K^L)); "
                    + "check the options (learning rate, iterations, epochs)", stats.distinctTuples(), items,
                    100.0 * stats.distinctTuples() / items, 100 * minFraction));
        }
        if (Double.isNaN(stats.reconstructionError()) && config.quantizer().equals("rqvae")) {
            throw new IllegalStateException("degenerate codebook, not committed: the RQ-VAE diverged "
                    + "(reconstruction error NaN); lower the learning rate");
        }
    }

    private Codebook importCodes(RegisteredDataset ds, List<Item> items, QuantizerConfig config, long t0,
                                 JobListener listener) {
        listener.progress("reading shipped semantic IDs", 0, 1);
        Map<ItemId, int[]> shipped = imported.load(ds.location());
        Map<ItemId, SemanticId> codes = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (Item item : items) {
            int[] c = shipped.get(item.id());
            if (c == null) {
                missing.add(item.id().value());
                continue;
            }
            if (c.length != config.levels()) {
                throw new InvalidInputException("dataset", "item " + item.id() + " has " + c.length + " levels, config says "
                        + config.levels());
            }
            for (int code : c) {
                if (code >= config.codebookSize()) {
                    throw new InvalidInputException("dataset", "item " + item.id() + " has code " + code + " >= K="
                            + config.codebookSize());
                }
            }
            codes.put(item.id(), new SemanticId(c));
        }
        if (!missing.isEmpty()) {
            throw new InvalidInputException("dataset", missing.size() + " items have no shipped semantic ID, e.g. "
                    + missing.subList(0, Math.min(5, missing.size())));
        }
        CodebookStats stats = stats(codes, config, Double.NaN, 0, 0, t0, "none");
        Codebook draft = new Codebook(0, ds.id(), ds.fingerprint(), config, "none", "", 0, items.size(), stats, null);
        return store.commit(draft, CodebookModel.learned(config.levels(), config.codebookSize()), codes);
    }

    @Override
    public SemanticId assign(AssignSemanticIdCommand command) {
        Codebook codebook = store.find(command.codebookId())
                .orElseThrow(() -> new NotFoundException("codebook", command.codebookId()));
        CodebookModel model = store.model(codebook.id());
        if (!model.canAssign()) {
            throw new ConflictException("/api/v1/codebooks/" + codebook.id(), "codebook " + codebook.id() + " holds imported codes without vectors: "
                    + "new items cannot be assigned; quantize with rqkmeans, rqvae or pq");
        }
        if (!codebook.encoderId().equals(embeddings.encoderId())) {
            throw new ConflictException("/api/v1/codebooks/" + codebook.id(), "codebook " + codebook.id() + " was built with encoder "
                    + codebook.encoderId() + ", this service runs " + embeddings.encoderId());
        }
        if (store.code(codebook.id(), command.item()).isPresent()) {
            throw new InvalidInputException("item", "item " + command.item() + " already has a semantic ID in codebook "
                    + codebook.id());
        }
        String text = new ItemTextTemplate(codebook.textTemplate(), ItemTextTemplate.DEFAULT.maxChars())
                .render(new Item(command.item(), command.fields()));
        if (text.isBlank()) {
            throw new InvalidInputException("fields", "item " + command.item() + ": the template '" + codebook.textTemplate()
                    + "' finds no text in fields " + command.fields().keySet());
        }
        float[] x = embeddings.embed(List.of(text), JobListener.NONE)[0];
        SemanticId sid = model.assign(x);
        store.addColdStartItem(codebook.id(), command.item(), command.fields(), sid);
        return sid;
    }

    @Override
    public void remove(long codebookId, ItemId item) {
        store.find(codebookId).orElseThrow(() -> new NotFoundException("codebook", codebookId));
        if (!store.removeColdStartItem(codebookId, item)) {
            throw new NotFoundException("item", item, "item " + item + " is not a cold-start item of codebook "
                    + codebookId + " (committed codes cannot be removed)");
        }
    }

    private static List<String> texts(RegisteredDataset ds, List<Item> items, ItemTextTemplate template) {
        List<String> texts = new ArrayList<>(items.size());
        List<String> empty = new ArrayList<>();
        for (Item item : items) {
            String t = template.render(item);
            if (t.isBlank()) {
                empty.add(item.id().value());
            }
            texts.add(t);
        }
        if (!empty.isEmpty()) {
            throw new InvalidInputException("template", "dataset " + ds.name() + ": " + empty.size() + " of " + items.size()
                    + " items have no text for template '" + template.template() + "' (e.g. "
                    + empty.subList(0, Math.min(5, empty.size())) + "); a dataset without item text can only "
                    + "import shipped codes (quantizer=import)");
        }
        return texts;
    }

    private static CodebookStats stats(Map<ItemId, SemanticId> codes, QuantizerConfig config, double mse,
                                       double encodeSeconds, double quantizeSeconds, long t0, String device) {
        return new CodebookStats(SidStatistics.utilisation(codes.values(), config.levels(), config.codebookSize()),
                SidStatistics.collisions(codes.values()), SidStatistics.distinctTuples(codes.values()), mse,
                encodeSeconds, quantizeSeconds, (System.nanoTime() - t0) / 1e9, device);
    }
}
