package io.h2rec.domain.fakes;

import io.h2rec.domain.port.out.TextEncoder;

import java.util.List;

/** Bag of hashed words, L2-normalised: texts sharing words are close. Counts its calls. */
public final class HashTextEncoder implements TextEncoder {
    private final int dim;
    public int encoded;

    public HashTextEncoder(int dim) {
        this.dim = dim;
    }

    @Override
    public String id() {
        return "hash-" + dim;
    }

    @Override
    public int dimension() {
        return dim;
    }

    @Override
    public float[][] encode(List<String> texts) {
        float[][] out = new float[texts.size()][dim];
        for (int i = 0; i < texts.size(); i++) {
            for (String w : texts.get(i).toLowerCase().split("\\W+")) {
                if (!w.isEmpty()) {
                    out[i][Math.floorMod(w.hashCode(), dim)] += 1f;
                }
            }
            double n = 0;
            for (float v : out[i]) {
                n += v * v;
            }
            for (int j = 0; j < dim && n > 0; j++) {
                out[i][j] /= (float) Math.sqrt(n);
            }
        }
        encoded += texts.size();
        return out;
    }
}
