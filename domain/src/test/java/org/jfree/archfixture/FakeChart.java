package org.jfree.archfixture;

/** Stands in for a JFreeChart class in the rule-6 fixture (test sources only). */
public class FakeChart {
}
