package io.h2rec.lab.report;

import io.h2rec.adapter.out.results.ResultsCsv;
import io.h2rec.domain.model.EpochPoint;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A search's learning curves: a CSV (label, model, seed, epoch, loss, valid_ndcg, source) and, per model, a PNG of
 * validation NDCG@10 by epoch, one line per configuration. Rows of runs that kept no curve in the registry (e.g.
 * recovered from training logs, {@code source} saying so) stay in the file; a run's recorded curve replaces them.
 */
public final class LearningCurves {
    public static final List<String> HEADER = List.of("label", "model", "seed", "epoch", "loss", "valid_ndcg", "source");
    /** The source of curves the registry kept (run_epoch, the ledger's {@code curve}). */
    public static final String RECORDED = "registry";

    private LearningCurves() {
    }

    /** One run's curve as CSV rows. */
    public static List<Map<String, String>> rows(String label, String model, long seed, List<EpochPoint> curve) {
        List<Map<String, String>> rows = new ArrayList<>();
        for (EpochPoint p : curve) {
            rows.add(Map.of("label", label, "model", model, "seed", String.valueOf(seed), "epoch", String.valueOf(p.epoch()),
                    "loss", String.format(Locale.ROOT, "%.6f", p.loss()), "valid_ndcg", Double.isFinite(p.validationNdcg())
                            ? String.format(Locale.ROOT, "%.6f", p.validationNdcg()) : "", "source", RECORDED));
        }
        return rows;
    }

    /**
     * Writes {@code rows} into {@code csv} (replacing the rows of the same label and seed, keeping the others) and
     * {@code <csv stem>-<model>.png} for each model in the file; returns the PNGs written.
     */
    public static List<Path> write(Path csv, List<Map<String, String>> rows) {
        Set<String> runs = new TreeSet<>();
        rows.forEach(r -> runs.add(r.get("label") + " " + r.get("seed")));
        ResultsCsv.replaceRows(csv, HEADER, r -> runs.contains(r.get("label") + " " + r.get("seed")), rows);
        Map<String, Map<String, XYSeries>> byModel = new LinkedHashMap<>();
        for (Map<String, String> r : ResultsCsv.read(csv, HEADER)) {
            if (r.get("valid_ndcg").isEmpty()) {
                continue;
            }
            String name = r.get("label") + (r.get("seed").equals("42") ? "" : " seed " + r.get("seed"));
            byModel.computeIfAbsent(r.get("model"), m -> new LinkedHashMap<>())
                    .computeIfAbsent(name, n -> new XYSeries(n, true, false))
                    .add(Integer.parseInt(r.get("epoch")), Double.parseDouble(r.get("valid_ndcg")));
        }
        String stem = csv.getFileName().toString().replaceAll("\\.csv$", "");
        List<Path> written = new ArrayList<>();
        for (Map.Entry<String, Map<String, XYSeries>> m : byModel.entrySet()) {
            XYSeriesCollection data = new XYSeriesCollection();
            m.getValue().values().forEach(data::addSeries);
            JFreeChart chart = ChartFactory.createXYLineChart(m.getKey() + ": validation NDCG@10 (full ranking) by epoch",
                    "epoch", "validation NDCG@10", data, PlotOrientation.VERTICAL, true, false, false);
            chart.getXYPlot().setBackgroundPaint(Color.WHITE);
            chart.getXYPlot().setDomainGridlinePaint(Color.LIGHT_GRAY);
            chart.getXYPlot().setRangeGridlinePaint(Color.LIGHT_GRAY);
            Path png = csv.resolveSibling(stem + "-" + m.getKey() + ".png");
            try {
                ChartUtils.saveChartAsPNG(png.toFile(), chart, 1100, 650);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + png, e);
            }
            written.add(png);
        }
        return written;
    }
}
