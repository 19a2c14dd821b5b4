package io.h2rec.lab.report;

import io.h2rec.adapter.out.results.ResultsCsv;
import io.h2rec.domain.model.EvalTarget;
import io.h2rec.domain.model.MetricValue;
import io.h2rec.domain.model.Protocol;
import io.h2rec.domain.model.SplitProtocol;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The files of a reproduction (evaluation.md "Result files"): {@code <dataset>.csv} (every test
 * number of every run), {@code <dataset>.md} (mean ± std tables, support, the paper's figures
 * beside ours, the runs behind them) and two PNG charts. Written only from runs in the registry,
 * never by hand. (training-speed.csv comes from the speed command, on an otherwise idle machine.)
 */
public final class ReproductionReport {
    static final List<String> QUALITY_HEADER = List.of("model", "seed", "protocol", "group", "metric", "k", "value");
    /** h2rec-model.md §7: the paper's HR@10 (sampled 100), overall / head / tail. */
    static final Map<String, double[]> PAPER = Map.of("Beauty", new double[] {0.5742, 0.6502, 0.2557},
            "Yelp", new double[] {0.6692, 0.8324, 0.2693}, "Instruments", new double[] {0.6184, 0.6832, 0.2382});

    private ReproductionReport() {
    }

    /** @return the files written */
    /** @param stem the files' name: the dataset's, lower case, plus "-profile" for a non-default profile */
    public static List<Path> write(Path dir, String dataset, String stem, String command, String provenanceLine,
                                   List<String> models, List<RunResult> results, SplitProtocol split) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path csv = csv(dir, stem);
        List<Map<String, String>> rows = new ArrayList<>();
        for (RunResult r : results) {
            for (MetricValue v : r.metrics()) {
                if (v.split() == EvalTarget.TEST) {
                    rows.add(Map.of("model", r.model(), "seed", String.valueOf(r.seed()), "protocol", v.protocol().label(),
                            "group", v.group(), "metric", v.metric(), "k", String.valueOf(v.k()),
                            "value", String.format(Locale.ROOT, "%.6f", v.value())));
                }
            }
        }
        ResultsCsv.replaceRows(csv, QUALITY_HEADER, row -> true, rows);

        Path full = dir.resolve(stem + "-head-tail.png");
        Path sampled = dir.resolve(stem + "-head-tail-sampled100.png");
        HeadTailChart.write(full, dataset + ": HR@10 by group, full ranking", Protocol.FULL, models, results);
        HeadTailChart.write(sampled, dataset + ": HR@10 by group, 100 sampled negatives", Protocol.SAMPLED100, models,
                results);
        Path md = dir.resolve(stem + ".md");
        try {
            Files.writeString(md, ReportMarkdown.render(dataset, stem, command, provenanceLine, models, results,
                    split.temporalSplit() ? null : PAPER.get(dataset), full.getFileName().toString(),
                    sampled.getFileName().toString(), split));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + md, e);
        }
        return List.of(csv, md, full, sampled);
    }

    /**
     * The runs ({@code "model seed N"}) that the dataset's existing CSV in {@code dir} reports and
     * {@code results} does not: rows that writing {@code results} would drop.
     */
    public static List<String> dropped(Path dir, String stem, List<RunResult> results) {
        Set<String> kept = new TreeSet<>();
        results.forEach(r -> kept.add(r.model() + " seed " + r.seed()));
        Set<String> dropped = new TreeSet<>();
        for (Map<String, String> row : ResultsCsv.read(csv(dir, stem), QUALITY_HEADER)) {
            String run = row.get("model") + " seed " + row.get("seed");
            if (!kept.contains(run)) {
                dropped.add(run);
            }
        }
        return List.copyOf(dropped);
    }

    static Path csv(Path dir, String stem) {
        return dir.resolve(stem + ".csv");
    }

    /** The files' name for a dataset and profile (null: the default setting). */
    public static String stem(String dataset, String profile) {
        return dataset.toLowerCase(Locale.ROOT) + (profile == null ? "" : "-" + profile);
    }

    static String instant() {
        return Instant.now().toString();
    }
}
