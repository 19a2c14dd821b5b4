package io.h2rec.quantizer.adapter.in.cli;

import io.h2rec.adapter.in.cli.Checked;
import io.h2rec.adapter.in.cli.Inputs;
import io.h2rec.adapter.in.cli.StageProgress;
import io.h2rec.adapter.out.dataset.DatasetInputs;
import io.h2rec.adapter.out.results.ResultsCsv;
import io.h2rec.domain.model.Codebook;
import io.h2rec.domain.model.CodebookStats;
import io.h2rec.domain.model.ItemTextTemplate;
import io.h2rec.domain.model.PreparationParams;
import io.h2rec.domain.model.QuantizerConfig;
import io.h2rec.domain.model.RegisteredDataset;
import io.h2rec.domain.port.in.PrepareDatasetCommand;
import io.h2rec.domain.port.in.PrepareDatasetUseCase;
import io.h2rec.domain.port.in.QuantizeCatalogCommand;
import io.h2rec.domain.port.in.QuantizeCatalogUseCase;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** Quantize a dataset end to end and print the codebook statistics. */
@Command(name = "quantize", mixinStandardHelpOptions = true,
        description = "Prepare a dataset, embed its item text, quantize, commit a codebook version, print its statistics.")
@Dependent
@Unremovable
public class QuantizeCommand implements Callable<Integer>, Checked {
    static final List<String> CSV_HEADER = List.of("dataset", "quantizer", "levels", "codebook_size", "items",
            "collisions", "encode_seconds", "quantize_seconds", "device");

    @Option(names = "--dataset", paramLabel = "PATH", description = "Dataset folder (default: ${DEFAULT-VALUE}).",
            defaultValue = "${env:H2REC_DATASET:-../shared/data/amazon-beauty}")
    String dataset;
    @Option(names = "--quantizer", description = "rqkmeans, rqvae, pq or import (default: ${DEFAULT-VALUE}).",
            defaultValue = "rqkmeans")
    String quantizer;
    @Option(names = {"-L", "--levels"}, description = "Levels L (default: ${DEFAULT-VALUE}).", defaultValue = "4")
    int levels;
    @Option(names = {"-K", "--size"}, description = "Codes per level K (default: ${DEFAULT-VALUE}).", defaultValue = "256")
    int size;
    @Option(names = "--seed", description = "Seed (default: ${DEFAULT-VALUE}).", defaultValue = "42")
    long seed;
    @Option(names = "--k-core", description = "k-core filter of the dataset (default: ${DEFAULT-VALUE}).",
            defaultValue = "5")
    int kCore;
    @Option(names = "--option", paramLabel = "KEY=VALUE", description = "Quantizer option, e.g. iterations=30.")
    Map<String, String> options = Map.of();
    @Option(names = "--template", description = "Item text template (default: ${DEFAULT-VALUE}).",
            defaultValue = "{title}{name}|Brand: {brand}|Year: {year}|Categories: {categories}|{description}")
    String template;
    @Option(names = "--results", paramLabel = "CSV",
            description = "Also write the row to this quantizer.csv (e.g. docs/results/quantizer.csv).")
    Path results;

    @Inject
    PrepareDatasetUseCase datasets;
    @Inject
    QuantizeCatalogUseCase quantize;

    PrintStream out = System.out;

    @Override
    public void check() {
        new QuantizerConfig(quantizer, levels, size, seed, options);
        new ItemTextTemplate(template, ItemTextTemplate.DEFAULT.maxChars());
        Inputs.atLeast("--k-core", kCore, 1);
        DatasetInputs.dataset(dataset);
    }

    @Override
    public Integer call() {
        check();
        QuantizerConfig config = new QuantizerConfig(quantizer, levels, size, seed, options);
        ItemTextTemplate textTemplate = new ItemTextTemplate(template, ItemTextTemplate.DEFAULT.maxChars());
        out.printf("[1/2] preparing %s%n", dataset);
        RegisteredDataset ds = datasets.prepare(new PrepareDatasetCommand(dataset,
                new PreparationParams(kCore, PreparationParams.DEFAULT.minUserInteractions()))).registration();
        out.printf("      %s: %,d items (dataset id %d)%n", ds.name(), ds.stats().itemsAfter(), ds.id());
        out.printf("[2/2] %s L=%d K=%d seed=%d%n", quantizer, levels, size, seed);
        Codebook book = quantize.quantize(new QuantizeCatalogCommand(ds.id(), config, textTemplate), new StageProgress(out, "      "));
        print(ds, book);
        if (results != null) {
            CodebookStats s = book.stats();
            Map<String, String> row = Map.of("dataset", ds.name(), "quantizer", quantizer, "levels",
                    String.valueOf(levels), "codebook_size", String.valueOf(size), "items", String.valueOf(book.items()),
                    "collisions", String.valueOf(s.collisions()), "encode_seconds", fmt(s.encodeSeconds()),
                    "quantize_seconds", fmt(s.quantizeSeconds()), "device", s.device());
            ResultsCsv.replaceRows(results, CSV_HEADER, r -> r.get("dataset").equals(ds.name())
                    && r.get("quantizer").equals(quantizer) && r.get("levels").equals(String.valueOf(levels))
                    && r.get("codebook_size").equals(String.valueOf(size)), List.of(row));
            out.printf("wrote %s%n", results);
        }
        return 0;
    }

    private void print(RegisteredDataset ds, Codebook book) {
        CodebookStats s = book.stats();
        out.printf("%ncodebook %d: %s L=%d K=%d on %s (%,d items), encoder %s, d_c=%d%n", book.id(),
                book.config().quantizer(), book.config().levels(), book.config().codebookSize(), ds.name(), book.items(),
                book.encoderId(), book.codeDim());
        out.printf("  time: encode %.1f s, quantize %.1f s, total %.1f s on %s%n", s.encodeSeconds(),
                s.quantizeSeconds(), s.wallSeconds(), s.device());
        out.printf("  code utilisation per level: %s%n", Arrays.stream(s.utilisation())
                .mapToObj(u -> String.format(Locale.ROOT, "%.1f%%", 100 * u)).toList());
        out.printf("  collisions: %,d items share their full tuple with another (%,d distinct tuples)%n",
                s.collisions(), s.distinctTuples());
        out.printf("  reconstruction MSE: %s%n", Double.isNaN(s.reconstructionError()) ? "n/a (imported codes)"
                : String.format(Locale.ROOT, "%.5f", s.reconstructionError()));
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
