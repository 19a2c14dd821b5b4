package io.h2rec.domain.model;

/**
 * y = act(x W + b), W as [in][out]. Used to carry a learned encoder (RQ-VAE's) into pure-Java
 * assignment and serving.
 */
public record DenseLayer(float[][] weight, float[] bias, boolean relu) {
    public DenseLayer {
        if (weight.length == 0 || weight[0].length != bias.length) {
            throw new IllegalArgumentException("weight [in][out] and bias [out] disagree");
        }
    }

    public int in() {
        return weight.length;
    }

    public int out() {
        return bias.length;
    }

    public float[] apply(float[] x) {
        if (x.length != weight.length) {
            throw new IllegalArgumentException("input has " + x.length + " values, layer expects " + weight.length);
        }
        float[] y = bias.clone();
        for (int i = 0; i < x.length; i++) {
            float xi = x[i];
            if (xi == 0f) {
                continue;
            }
            float[] row = weight[i];
            for (int j = 0; j < y.length; j++) {
                y[j] += xi * row[j];
            }
        }
        if (relu) {
            for (int j = 0; j < y.length; j++) {
                y[j] = Math.max(0f, y[j]);
            }
        }
        return y;
    }
}
