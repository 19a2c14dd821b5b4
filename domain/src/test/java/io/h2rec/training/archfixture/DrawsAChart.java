package io.h2rec.training.archfixture;

import org.jfree.archfixture.FakeChart;

/** Breaks rule 6 on purpose: a server drawing the reports' charts. */
public class DrawsAChart {
    FakeChart chart = new FakeChart();
}
