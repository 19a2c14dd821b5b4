package io.h2rec.lab.report;

import io.h2rec.domain.model.Protocol;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.category.DefaultCategoryDataset;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/** Head vs tail HR@10 per model (mean over seeds), one grouped bar chart per protocol. */
final class HeadTailChart {
    private HeadTailChart() {
    }

    static void write(Path file, String title, Protocol protocol, List<String> models, List<RunResult> results) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (String model : models) {
            for (String group : List.of("head", "tail", "overall")) {
                List<Double> values = results.stream().filter(r -> r.model().equals(model))
                        .map(r -> r.test(protocol, group, "HR", 10)).filter(v -> v.isPresent())
                        .map(v -> v.getAsDouble()).toList();
                if (!values.isEmpty()) {
                    data.addValue(Stats.of(values).mean(), group, model);
                }
            }
        }
        JFreeChart chart = ChartFactory.createBarChart(title, "model", "HR@10 (" + protocol.label() + ")", data,
                PlotOrientation.VERTICAL, true, false, false);
        chart.getCategoryPlot().getDomainAxis().setCategoryLabelPositions(
                org.jfree.chart.axis.CategoryLabelPositions.UP_45);
        try {
            ChartUtils.saveChartAsPNG(file.toFile(), chart, 1100, 600);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
