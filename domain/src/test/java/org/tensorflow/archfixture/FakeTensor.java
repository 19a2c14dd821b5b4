package org.tensorflow.archfixture;

/** Stands in for a TensorFlow class in the rule-3 fixtures (test sources only). */
public class FakeTensor {
}
