package io.h2rec.domain.model;

import java.util.Arrays;

/** An item's semantic ID: one code per level, coarse to fine, each in [0, K). */
public record SemanticId(int[] codes) {
    public SemanticId {
        codes = codes.clone();
        for (int c : codes) {
            if (c < 0) {
                throw new IllegalArgumentException("codes must be >= 0: " + Arrays.toString(codes));
            }
        }
    }

    @Override
    public int[] codes() {
        return codes.clone();
    }

    public int level(int l) {
        return codes[l];
    }

    public int levels() {
        return codes.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SemanticId s && Arrays.equals(codes, s.codes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(codes);
    }

    @Override
    public String toString() {
        return Arrays.toString(codes);
    }
}
