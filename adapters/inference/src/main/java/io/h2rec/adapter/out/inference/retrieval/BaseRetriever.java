package io.h2rec.adapter.out.inference.retrieval;

import java.util.BitSet;

/** What both retrievers share: the catalogue's size and vector length, and the query checks. */
abstract class BaseRetriever implements Retriever {
    private final String method;
    protected final int numItems;
    protected final int dim;

    BaseRetriever(String method, int numItems, int dim) {
        this.method = method;
        this.numItems = numItems;
        this.dim = dim;
    }

    /** Bounds of {@link #topK}, checked before any work. */
    void checkQuery(float[] user, int k, BitSet excluded) {
        if (user == null || user.length != dim) {
            throw new IllegalArgumentException("user vector must hold " + dim + " values");
        }
        if (k < 1 || k > RetrievalConfig.MAX_CANDIDATES) {
            throw new IllegalArgumentException("k must be in 1.." + RetrievalConfig.MAX_CANDIDATES + ", was " + k);
        }
        if (excluded == null) {
            throw new IllegalArgumentException("excluded must not be null (an empty BitSet excludes nothing)");
        }
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public int numItems() {
        return numItems;
    }

    @Override
    public int dim() {
        return dim;
    }
}
